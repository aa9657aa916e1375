import { describe, expect, it } from 'vitest';
import type { AuditRowView } from '../../api/audit';
import { auditPayload, AUDIT_INLINE_BYTES } from './audit';
import { auditCsv, csvField } from './csv';

describe('audit CSV', () => {
	it('quotes fields with commas, quotes and line breaks, and neutralises formulas', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvField('-1+2')).toBe("'-1+2");
		expect(csvField(null)).toBe('');
		expect(csvField({ role: 'admin' })).toBe('"{""role"":""admin""}"');
	});

	it('starts with a BOM and the bilingual header, and gives times in China Standard Time', async () => {
		const row: AuditRowView = {
			id: 7, at: '2026-11-30T16:30:00.000Z', actorId: 1, actor: 'zhang', address: '10.0.0.1', userAgent: 'UA',
			action: 'user.update', entity: 'user', entityId: '3', before: { role: 'field' }, after: { role: 'planner' }
		};
		async function* rows() {
			yield row;
		}
		let text = '';
		for await (const chunk of auditCsv(rows())) text += chunk;
		expect(text.startsWith('\uFEFF编号 id,')).toBe(true);
		expect(text.split('\r\n')[1]).toBe('7,2026-12-01 00:30:00,zhang,10.0.0.1,UA,user.update,user,3,"{""role"":""field""}","{""role"":""planner""}"');
	});
});

describe('audit payloads', () => {
	it('keeps small payloads and stores a digest of large ones', () => {
		expect(auditPayload({ a: 1 })).toBe('{"a":1}');
		expect(auditPayload(undefined)).toBeNull();
		const large = JSON.parse(auditPayload({ text: 'x'.repeat(AUDIT_INLINE_BYTES) })!);
		expect(large.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(large.bytes).toBeGreaterThan(AUDIT_INLINE_BYTES);
	});
});
