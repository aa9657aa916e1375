// Where the tablet is: the Geolocation fix (with its accuracy), the compass heading where
// the device gives one, or a position the user typed when there is no fix.
import type { Fix } from '$lib/field/photo';

export const here = $state({
	fix: undefined as Fix | undefined,
	manual: false,
	locating: false,
	error: ''
});

let heading: number | undefined;

function onOrientation(event: DeviceOrientationEvent): void {
	// iOS gives the compass directly; others give alpha counter-clockwise from north (absolute events).
	const compass = (event as DeviceOrientationEvent & { webkitCompassHeading?: number }).webkitCompassHeading;
	if (typeof compass === 'number') heading = compass;
	else if (event.absolute && typeof event.alpha === 'number') heading = (360 - event.alpha) % 360;
}

/** Follows the device's position until the returned function is called. */
export function watchPosition(): () => void {
	if (!('geolocation' in navigator)) {
		here.error = 'unavailable';
		return () => {};
	}
	here.locating = true;
	const id = navigator.geolocation.watchPosition(
		(position) => {
			here.locating = false;
			here.error = '';
			if (here.manual) return;
			const { longitude, latitude, accuracy, heading: course } = position.coords;
			here.fix = { lon: longitude, lat: latitude, accuracyM: accuracy, headingDeg: course ?? heading ?? undefined };
		},
		(error) => {
			here.locating = false;
			here.error = error.message || String(error.code);
		},
		{ enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 }
	);
	window.addEventListener('deviceorientationabsolute', onOrientation as EventListener);
	window.addEventListener('deviceorientation', onOrientation);
	return () => {
		navigator.geolocation.clearWatch(id);
		window.removeEventListener('deviceorientationabsolute', onOrientation as EventListener);
		window.removeEventListener('deviceorientation', onOrientation);
	};
}

/** The heading to stamp on a photo: from the fix's course or the compass. */
export function currentFix(): Fix | undefined {
	if (!here.fix) return undefined;
	return { ...here.fix, headingDeg: here.fix.headingDeg ?? heading };
}

export function setManualPosition(lon: number, lat: number): void {
	here.manual = true;
	here.fix = { lon, lat, accuracyM: 0 };
}

export function useDevicePosition(): void {
	here.manual = false;
	here.fix = undefined;
	navigator.geolocation?.getCurrentPosition(
		(p) => (here.fix = { lon: p.coords.longitude, lat: p.coords.latitude, accuracyM: p.coords.accuracy }),
		(e) => (here.error = e.message),
		{ enableHighAccuracy: true, timeout: 30_000 }
	);
}
