import { hash, verify } from '@node-rs/argon2';
import { ApiError } from '../http/errors';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../api/users';

// argon2id (the library's default algorithm) with the OWASP-recommended minimum
// (19 MiB, 2 passes, 1 lane): a few tens of milliseconds here. Spelled out so a change of
// the library's defaults does not silently weaken new hashes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	return verify(passwordHash, password);
}

// Verified against when the username is unknown, so an unknown user costs as much time
// as a wrong password and the answer's timing does not tell them apart.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword('decoy password that nobody has');
	return decoy;
}

/** A new password that meets the rules, or a 400 that says which rule it misses. */
export function checkNewPassword(password: unknown): string {
	if (typeof password !== 'string' || [...password].length < PASSWORD_MIN_LENGTH)
		throw new ApiError(400, 'password-too-short', {
			zh: `密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符。`,
			en: `The password needs at least ${PASSWORD_MIN_LENGTH} characters.`
		}, { min: PASSWORD_MIN_LENGTH });
	if ([...password].length > PASSWORD_MAX_LENGTH)
		throw new ApiError(400, 'password-too-long', {
			zh: `密码不能超过 ${PASSWORD_MAX_LENGTH} 个字符。`,
			en: `The password may have at most ${PASSWORD_MAX_LENGTH} characters.`
		}, { max: PASSWORD_MAX_LENGTH });
	return password;
}
