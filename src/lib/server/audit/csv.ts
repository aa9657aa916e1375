import type { AuditRowView } from '../../api/audit';

// The export opens in Excel and WPS as UTF-8 (the BOM says so) with Chinese headers first.
const BOM = '\uFEFF';
const HEADERS = ['编号 id', '时间 time (UTC+8)', '操作人 actor', '地址 address', '客户端 user agent', '操作 action', '对象 entity', '对象编号 entity id', '修改前 before', '修改后 after'];

const shanghai = new Intl.DateTimeFormat('sv-SE', {
	timeZone: 'Asia/Shanghai',
	year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false
});

/** One CSV field: quoted when needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula. */
export function csvField(value: unknown): string {
	let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(fields: unknown[]): string {
	return `${fields.map(csvField).join(',')}\r\n`;
}

/** The CSV text of the rows, as a stream of lines. */
export async function* auditCsv(rows: AsyncIterable<AuditRowView>): AsyncGenerator<string> {
	yield BOM + line(HEADERS);
	for await (const r of rows)
		yield line([r.id, shanghai.format(new Date(r.at)), r.actor, r.address, r.userAgent, r.action, r.entity, r.entityId, r.before, r.after]);
}
