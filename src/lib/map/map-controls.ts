import type { ControlPosition, IControl, Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';

/** A map button that goes back to a fixed extent (the whole prefecture), north up. */
export class HomeControl implements IControl {
	#container: HTMLDivElement | undefined;
	#button: HTMLButtonElement | undefined;

	constructor(
		private readonly bounds: [number, number, number, number],
		private label: string,
		private readonly padding: () => PaddingOptions
	) {}

	onAdd(map: MapLibreMap): HTMLElement {
		const container = document.createElement('div');
		container.className = 'maplibregl-ctrl maplibregl-ctrl-group';
		const button = document.createElement('button');
		button.type = 'button';
		button.className = 'ecomap-ctrl-home';
		button.innerHTML =
			'<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><path d="M4 11.5 12 4l8 7.5M6.5 9.5V20h11V9.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/></svg>';
		button.addEventListener('click', () => map.fitBounds(this.bounds, { bearing: 0, pitch: 0, padding: this.padding() }));
		container.append(button);
		this.#container = container;
		this.#button = button;
		this.setLabel(this.label);
		return container;
	}

	onRemove(): void {
		this.#container?.remove();
	}

	getDefaultPosition(): ControlPosition {
		return 'top-right';
	}

	setLabel(label: string): void {
		this.label = label;
		this.#button?.setAttribute('title', label);
		this.#button?.setAttribute('aria-label', label);
	}
}

/** Button labels of MapLibre's own controls, in the current language. */
export interface ControlLabels {
	zoomIn: string;
	zoomOut: string;
	resetNorth: string;
	locate: string;
	locationUnavailable: string;
	fullscreen: string;
	exitFullscreen: string;
	attribution: string;
	map: string;
}

/** MapLibre's UI string table (its `locale` option) for these labels: what its controls say when they change state. */
export function mapLibreLocale(labels: ControlLabels): Record<string, string> {
	return {
		'NavigationControl.ZoomIn': labels.zoomIn,
		'NavigationControl.ZoomOut': labels.zoomOut,
		'NavigationControl.ResetBearing': labels.resetNorth,
		'GeolocateControl.FindMyLocation': labels.locate,
		'GeolocateControl.LocationNotAvailable': labels.locationUnavailable,
		'FullscreenControl.Enter': labels.fullscreen,
		'FullscreenControl.Exit': labels.exitFullscreen,
		'AttributionControl.ToggleAttribution': labels.attribution,
		'Map.Title': labels.map
	};
}

/**
 * Relabels MapLibre's control buttons in the current language. MapLibre reads its UI
 * strings when a control is added or changes state; the language can change at any time.
 */
export function labelControls(container: HTMLElement, labels: ControlLabels): void {
	const set = (selector: string, label: string) => {
		for (const button of container.querySelectorAll<HTMLElement>(selector)) {
			button.title = label;
			button.setAttribute('aria-label', label);
		}
	};
	set('.maplibregl-ctrl-zoom-in', labels.zoomIn);
	set('.maplibregl-ctrl-zoom-out', labels.zoomOut);
	set('.maplibregl-ctrl-compass', labels.resetNorth);
	set('.maplibregl-ctrl-geolocate:not(:disabled)', labels.locate);
	set('.maplibregl-ctrl-geolocate:disabled', labels.locationUnavailable);
	set('.maplibregl-ctrl-fullscreen', labels.fullscreen);
	set('.maplibregl-ctrl-shrink', labels.exitFullscreen);
	set('.maplibregl-ctrl-attrib-button', labels.attribution);
}
