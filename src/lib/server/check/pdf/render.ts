import PDFDocument from 'pdfkit';
import type { MapDrawing } from '../../../check/report-map';
import type { ReportAreaRow, ReportConflictRow, ReportModel } from '../../../check/report';
import type { Severity } from '../../../layers/types';
import type { Verdict } from '../../../check/types';
import { fontBytes, fontName, fontRuns, PRIMARY_SUBSET, type Weight } from './fonts';

/** A4 portrait in points, and the printable box inside the margins. */
export const PAGE = { width: 595.28, height: 841.89, margin: 50 };
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** The map's box on the page (points); the drawing is made at exactly this size. */
export const MAP_SIZE = { width: CONTENT_WIDTH, height: 300 };

const COLOURS: Record<Verdict, { strong: string; tint: string }> = {
	forbidden: { strong: '#b30000', tint: '#fde8e6' },
	restricted: { strong: '#d94801', tint: '#feeddc' },
	approval: { strong: '#a87900', tint: '#fdf5d8' },
	attention: { strong: '#2c6fae', tint: '#e4eff9' },
	clear: { strong: '#237a3b', tint: '#e3f3e6' }
};
const TEXT = '#1a1a1a';
const MUTED = '#5f6368';
const RULE = '#c8c8c8';

type Doc = PDFKit.PDFDocument;

interface TextStyle {
	size: number;
	weight?: Weight;
	color?: string;
	align?: 'left' | 'center' | 'right';
	lineGap?: number;
}

/** Writes text in Noto Sans SC, switching subsets for characters the main one lacks. */
class Writer {
	private readonly registered = new Set<string>();
	constructor(
		readonly doc: Doc,
		/**
		 * English text gets straight quotes: Noto Sans SC draws ‘ ’ “ ” full-width (Chinese
		 * punctuation), and a Latin font for them alone would sit on another baseline.
		 */
		private readonly straightQuotes: boolean
	) {}

	private prepare(text: string): string {
		return this.straightQuotes ? text.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"') : text;
	}

	private use(subset: string, weight: Weight, size: number): void {
		const name = fontName(subset, weight);
		if (!this.registered.has(name)) {
			this.doc.registerFont(name, fontBytes(subset, weight));
			this.registered.add(name);
		}
		this.doc.font(name).fontSize(size);
	}

	height(text: string, width: number, style: TextStyle): number {
		this.use(PRIMARY_SUBSET, style.weight ?? 400, style.size);
		return this.doc.heightOfString(this.prepare(text), { width, lineGap: style.lineGap ?? 1.5 });
	}

	width(text: string, style: TextStyle): number {
		this.use(PRIMARY_SUBSET, style.weight ?? 400, style.size);
		return this.doc.widthOfString(this.prepare(text));
	}

	/** Draws `text` in a box of `width` at (x, y); returns the height used. */
	text(text: string, x: number, y: number, width: number, style: TextStyle): number {
		const runs = fontRuns(this.prepare(text));
		const options = { width, align: style.align ?? 'left', lineGap: style.lineGap ?? 1.5 } as const;
		this.doc.fillColor(style.color ?? TEXT);
		runs.forEach((run, i) => {
			this.use(run.subset, style.weight ?? 400, style.size);
			const continued = i < runs.length - 1;
			if (i === 0) this.doc.text(run.text, x, y, { ...options, continued });
			else this.doc.text(run.text, { continued });
		});
		return this.height(text, width, style);
	}
}

/** The report as an A4 PDF: header, verdict, facts, notices, map, conflicts, rules, data versions. */
export async function renderReportPdf(model: ReportModel, drawing: MapDrawing): Promise<Buffer> {
	const created = model.checkedAt ? new Date(model.checkedAt) : new Date();
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
		bufferPages: true,
		autoFirstPage: true,
		lang: model.lang === 'zh' ? 'zh-CN' : 'en',
		displayTitle: true,
		info: { Title: `${model.title} ${model.reportId}`, Author: 'Changji EcoMap', Subject: model.reportId, CreationDate: created }
	});
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	const w = new Writer(doc, model.lang === 'en');
	const left = PAGE.margin;
	const bottom = PAGE.height - PAGE.margin - 14; // room for the footer
	let y = PAGE.margin;
	const need = (h: number) => {
		if (y + h > bottom) {
			doc.addPage();
			y = PAGE.margin;
		}
	};
	/** A section heading, kept on one page with at least `keep` points of what follows. */
	const heading = (text: string, keep = 30) => {
		need(30 + keep);
		y += 10;
		y += w.text(text, left, y, CONTENT_WIDTH, { size: 12, weight: 700 }) + 4;
		doc.moveTo(left, y).lineTo(left + CONTENT_WIDTH, y).lineWidth(0.6).strokeColor(RULE).stroke();
		y += 6;
	};

	// Title and identity; the permalink's QR code at the top right.
	const qrSize = model.qr ? 62 : 0;
	const headWidth = CONTENT_WIDTH - (qrSize ? qrSize + 24 : 0);
	const top = y;
	let qrBottom = top;
	if (model.qr) {
		drawQr(doc, model.qr, left + CONTENT_WIDTH - qrSize, top, qrSize);
		qrBottom = top + qrSize + 1 + w.text(model.labels.permalink, left + CONTENT_WIDTH - qrSize - 12, top + qrSize + 1, qrSize + 12, { size: 6.5, color: MUTED, align: 'right' });
	}
	y += w.text(model.title, left, y, headWidth, { size: 17, weight: 700 }) + 4;
	const sep = model.lang === 'zh' ? '：' : ': ';
	y += w.text(`${model.labels.reportId}${sep}${model.reportId}    ${model.labels.checkedAt}${sep}${model.checkedAtLabel}`, left, y, headWidth, { size: 9, color: MUTED }) + 4;
	if (model.permalink) y += w.text(model.permalink, left, y, headWidth, { size: 8, color: MUTED }) + 4;
	y = Math.max(y + 6, qrBottom + 8);

	// Verdict.
	const colour = COLOURS[model.verdict];
	const verdictTitle = `${model.labels.verdict}${sep}${model.verdictLabel}`;
	const boxH = 18 + w.height(verdictTitle, CONTENT_WIDTH - 24, { size: 14, weight: 700 }) + w.height(model.verdictText, CONTENT_WIDTH - 24, { size: 10 });
	doc.rect(left, y, CONTENT_WIDTH, boxH).fill(colour.tint);
	doc.rect(left, y, 5, boxH).fill(colour.strong);
	let by = y + 8;
	by += w.text(verdictTitle, left + 14, by, CONTENT_WIDTH - 24, { size: 14, weight: 700, color: colour.strong }) + 2;
	w.text(model.verdictText, left + 14, by, CONTENT_WIDTH - 24, { size: 10 });
	y += boxH + 10;

	// Facts.
	const facts: [string, string][] = [
		...model.recordFacts,
		[model.labels.projectType, model.projectTypeLabel],
		[model.labels.footprintArea, model.footprint.areaLabel]
	];
	if (model.footprint.lengthLabel) facts.push([model.labels.footprintLength, model.footprint.lengthLabel]);
	for (const [k, v] of facts) {
		w.text(k, left, y, 110, { size: 10, color: MUTED });
		y += Math.max(14, w.text(v, left + 110, y, CONTENT_WIDTH - 110, { size: 10 })) + 2;
	}

	// Notices (illustrative data first).
	for (const notice of model.notices) {
		const h = w.height(notice, CONTENT_WIDTH - 20, { size: 9.5 }) + 10;
		need(h + 6);
		y += 4;
		doc.rect(left, y, CONTENT_WIDTH, h).fillAndStroke('#fff7d6', '#e0b400');
		w.text(notice, left + 10, y + 5, CONTENT_WIDTH - 20, { size: 9.5, color: '#5c4400' });
		y += h + 2;
	}

	// Map.
	heading(model.labels.map, drawing.height + drawing.legendHeight);
	need(drawing.height + drawing.legendHeight + 4);
	drawMap(doc, w, drawing, left, y);
	y += drawing.height + drawing.legendHeight + 4;

	// Areas: ellipsoidal and Gauss-Krüger plane.
	if (model.footprintAreas) {
		heading(model.labels.areas, 50);
		const cols = textColumns([{ share: 0.4 }, { share: 0.22, align: 'right' }, { share: 0.19, align: 'right' }, { share: 0.19, align: 'right' }], model.footprintAreas.columns);
		y = drawTable(doc, w, cols, model.footprintAreas.rows, y, bottom, plainTable(9));
		y += w.text(model.footprintAreas.note, left, y, CONTENT_WIDTH, { size: 8, color: MUTED }) + 2;
	}

	// Conflicts.
	heading(model.labels.conflicts, 80); // the table's header and first row stay with it
	if (!model.conflicts.length) y += w.text(model.labels.noConflicts, left, y, CONTENT_WIDTH, { size: 10 }) + 4;
	else y = conflictTable(doc, w, model, y, bottom);

	// Outside findings, and the areas per layer with nested zones counted once.
	if (model.outside.length) {
		heading(model.areaLabels.outside);
		for (const row of model.outside) {
			const line = `${row.severityLabel}  ${row.finding}`;
			need(w.height(line, CONTENT_WIDTH, { size: 9.5, weight: 700 }) + w.height(row.text, CONTENT_WIDTH, { size: 9 }) + 8);
			y += w.text(line, left, y, CONTENT_WIDTH, { size: 9.5, weight: 700, color: SEVERITY_COLOURS[row.severity] }) + 1;
			y += w.text(row.text, left, y, CONTENT_WIDTH, { size: 9 }) + 6;
		}
	}
	if (model.areas.length) {
		heading(model.areaLabels.heading, 50);
		y = areaTable(doc, w, model, y, bottom);
		const nh = w.height(model.areaLabels.note, CONTENT_WIDTH, { size: 8.5 });
		need(nh + 4);
		y += w.text(model.areaLabels.note, left, y, CONTENT_WIDTH, { size: 8.5, color: MUTED }) + 4;
	}
	// Each conflicting layer's source, approval and data version.
	if (model.layerSources.length) {
		heading(model.labels.layerSources, 60);
		const sc = model.labels.sourceColumns;
		const cols = textColumns(
			[{ share: 0.07 }, { share: 0.13 }, { share: 0.21 }, { share: 0.12 }, { share: 0.19 }, { share: 0.11 }, { share: 0.17 }],
			[sc.items, sc.layer, sc.source, sc.document, sc.authority, sc.status, sc.version]
		);
		const rows = model.layerSources.map((r) => [r.items, r.layerTitle, r.source, r.document, r.authority, r.status, r.version]);
		y = drawTable(doc, w, cols, rows, y, bottom, plainTable(8));
	}

	// Rules cited.
	if (model.rules.length) {
		heading(model.labels.rules);
		for (const rule of model.rules) {
			const layers = rule.layers.join(model.lang === 'zh' ? '、' : ', ');
			const h = w.height(rule.basis, CONTENT_WIDTH, { size: 9.5, weight: 700 }) + w.height(rule.text, CONTENT_WIDTH, { size: 9.5 }) + w.height(layers, CONTENT_WIDTH, { size: 8.5 }) + 10;
			need(h);
			y += w.text(rule.basis, left, y, CONTENT_WIDTH, { size: 9.5, weight: 700 }) + 1;
			y += w.text(rule.text, left, y, CONTENT_WIDTH, { size: 9.5 }) + 1;
			y += w.text(layers, left, y, CONTENT_WIDTH, { size: 8.5, color: MUTED }) + 7;
		}
	}

	// 界址点 table, ring by ring.
	if (model.boundary) {
		heading(model.labels.boundary, 60);
		y += w.text(model.boundary.caption, left, y, CONTENT_WIDTH, { size: 8, color: MUTED }) + 4;
		const cols = textColumns(
			[{ share: 0.08 }, { share: 0.16, align: 'right' }, { share: 0.17, align: 'right' }, { share: 0.16 }, { share: 0.15 }, { share: 0.14, align: 'right' }, { share: 0.14, align: 'right' }],
			model.boundary.columns
		);
		for (const ring of model.boundary.rings) {
			need(40);
			y += w.text(ring.title, left, y, CONTENT_WIDTH, { size: 8.5, weight: 700 }) + 2;
			y = drawTable(doc, w, cols, ring.rows, y, bottom, plainTable(7.5));
		}
		if (model.boundary.omitted) y += w.text(model.boundary.omitted, left, y, CONTENT_WIDTH, { size: 8, color: MUTED }) + 2;
	}

	// Data versions: date and short hash.
	heading(model.labels.dataVersions);
	const versionCols = textColumns([{ share: 0.5 }, { share: 0.5 }], [model.labels.columns.layer, model.labels.version]);
	y = drawTable(doc, w, versionCols, model.dataVersions.map((v) => [v.layerTitle, v.label]), y, bottom, plainTable(8.5));

	// 审查意见 and the signature / seal block.
	heading(model.labels.opinion, 120);
	y += w.text(`${model.labels.conclusion}${sep}${model.opinion.conclusion}`, left, y, CONTENT_WIDTH, { size: 10, weight: 700, color: colour.strong }) + 4;
	y += w.text(`${model.labels.actions}${sep}`, left, y, CONTENT_WIDTH, { size: 9.5, weight: 700 }) + 2;
	model.opinion.actions.forEach((action, i) => {
		const text = `${i + 1}. ${action}`;
		need(w.height(text, CONTENT_WIDTH - 10, { size: 9.5 }) + 2);
		y += w.text(text, left + 10, y, CONTENT_WIDTH - 10, { size: 9.5 }) + 2;
	});
	need(70);
	y += 14;
	const sig = model.labels.signature;
	const third = CONTENT_WIDTH / 3;
	[sig.handler, sig.reviewer, sig.date].forEach((label, i) => {
		const x = left + i * third;
		w.text(`${label}${sep}`, x, y, third, { size: 10 });
		doc.moveTo(x + w.width(`${label}${sep}`, { size: 10 }) + 2, y + 13).lineTo(x + third - 14, y + 13).lineWidth(0.6).strokeColor('#444444').stroke();
	});
	y += 30;
	w.text(sig.seal, left + CONTENT_WIDTH - third, y, third - 14, { size: 10, color: MUTED, align: 'right' });
	y += 18;

	// Disclaimer.
	const dh = w.height(model.labels.disclaimer, CONTENT_WIDTH, { size: 8.5 });
	need(dh + 14);
	y += 10;
	w.text(model.labels.disclaimer, left, y, CONTENT_WIDTH, { size: 8.5, color: MUTED });

	// Footer on every page: report id and page numbers.
	const range = doc.bufferedPageRange();
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		const page = model.lang === 'zh' ? `第 ${i + 1} 页，共 ${range.count} 页` : `Page ${i + 1} of ${range.count}`;
		// Writing below the bottom margin would make pdfkit open a new page: lift the margin first.
		doc.page.margins.bottom = 0;
		w.text(`${model.labels.reportId} ${model.reportId}`, left, PAGE.height - PAGE.margin + 16, CONTENT_WIDTH / 2, { size: 8, color: MUTED });
		w.text(page, left + CONTENT_WIDTH / 2, PAGE.height - PAGE.margin + 16, CONTENT_WIDTH / 2, { size: 8, color: MUTED, align: 'right' });
		doc.page.margins.bottom = PAGE.margin;
	}
	doc.end();
	return done;
}

const SEVERITY_COLOURS: Record<Severity, string> = {
	forbidden: COLOURS.forbidden.strong,
	restricted: COLOURS.restricted.strong,
	approval: COLOURS.approval.strong,
	attention: COLOURS.attention.strong
};

function conflictTable(doc: Doc, w: Writer, model: ReportModel, top: number, bottom: number): number {
	const c = model.labels.columns;
	// English severity words are longer than the two-character Chinese ones.
	const share = model.lang === 'zh' ? [0.05, 0.14, 0.23, 0.11, 0.2, 0.08, 0.09, 0.1] : [0.05, 0.14, 0.22, 0.1, 0.18, 0.08, 0.09, 0.14];
	const cols: Column<ReportConflictRow>[] = [
		{ title: c.index, share: share[0], cell: (r) => String(r.index) },
		{ title: c.layer, share: share[1], cell: (r) => r.layerTitle },
		// The level only when the name does not already say it (昌吉市…水源地一级保护区).
		{ title: c.feature, share: share[2], cell: (r) => (r.levelLabel && !r.featureName.includes(r.levelLabel) ? `${r.featureName}\n${r.levelLabel}` : r.featureName) },
		{ title: c.relation, share: share[3], cell: (r) => r.relationLabel },
		{ title: c.overlap, share: share[4], cell: (r) => r.cells.overlap },
		{ title: c.overlapPct, share: share[5], cell: (r) => r.cells.overlapPct, align: 'right' },
		{ title: c.distance, share: share[6], cell: (r) => r.cells.distance, align: 'right' },
		{ title: c.severity, share: share[7], cell: (r) => r.severityLabel, style: (r) => ({ weight: 700, color: SEVERITY_COLOURS[r.severity] }) }
	];
	return drawTable(doc, w, cols, model.conflicts, top, bottom, RECORD_TABLE);
}

/** Per layer: a row per level (area in no stricter level), then the union in bold. */
function areaTable(doc: Doc, w: Writer, model: ReportModel, top: number, bottom: number): number {
	const c = model.areaLabels.columns;
	const bold = (r: ReportAreaRow): Partial<TextStyle> => (r.kind === 'union' ? { weight: 700 } : {});
	const cols: Column<ReportAreaRow>[] = [
		{ title: c.layer, share: 0.3, cell: (r) => r.layerTitle, style: bold },
		{ title: c.part, share: 0.22, cell: (r) => r.cells.label, style: bold },
		{ title: c.area, share: 0.33, cell: (r) => r.cells.area, style: bold },
		{ title: c.pct, share: 0.15, cell: (r) => r.cells.pct, align: 'right', style: bold }
	];
	return drawTable(doc, w, cols, model.areas, top, bottom, RECORD_TABLE);
}

interface Column<R> {
	title: string;
	/** Share of the content width. */
	share: number;
	cell: (row: R) => string;
	align?: 'right';
	style?: (row: R) => Partial<TextStyle>;
}

/** How a table is set: text size, cell padding, and how much room its header needs below it. */
interface TableLayout {
	size: number;
	pad: number;
	/** A new page first when less than this is left (0: the caller's heading already kept room). */
	keep: number;
}

/** The layout of the check's own tables (conflicts, areas per layer). */
const RECORD_TABLE: TableLayout = { size: 8.5, pad: 3, keep: 0 };
/** The layout of the plain tables (figures, sources, 界址点, data versions) at a text size. */
const plainTable = (size: number): TableLayout => ({ size, pad: 2.5, keep: 40 });

/** Columns for rows that are already their cells' texts, in order. */
function textColumns(cols: { share: number; align?: 'right' }[], titles: string[]): Column<string[]>[] {
	return cols.map((col, i) => ({ ...col, title: titles[i], cell: (row) => row[i] }));
}

/**
 * A table across the content width: a shaded header repeated on each new page, rows ruled
 * below, cells wrapped. Returns the y below it.
 */
function drawTable<R>(doc: Doc, w: Writer, cols: Column<R>[], rows: readonly R[], top: number, bottom: number, layout: TableLayout): number {
	const { size, pad, keep } = layout;
	const left = PAGE.margin;
	const widths = cols.map((col) => col.share * CONTENT_WIDTH);
	const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
	let y = top;
	const headerRow = () => {
		const h = Math.max(...cols.map((col, i) => w.height(col.title, widths[i] - 2 * pad, { size, weight: 700 }))) + 2 * pad;
		doc.rect(left, y, CONTENT_WIDTH, h).fill('#f0f0f0');
		cols.forEach((col, i) => w.text(col.title, xs[i] + pad, y + pad, widths[i] - 2 * pad, { size, weight: 700, align: col.align }));
		y += h;
	};
	if (keep && y + keep > bottom) {
		doc.addPage();
		y = PAGE.margin;
	}
	headerRow();
	for (const row of rows) {
		const styles: TextStyle[] = cols.map((col) => ({ size, align: col.align, ...col.style?.(row) }));
		const texts = cols.map((col) => col.cell(row));
		const h = Math.max(...texts.map((t, i) => w.height(t, widths[i] - 2 * pad, styles[i]))) + 2 * pad;
		if (y + h > bottom) {
			doc.addPage();
			y = PAGE.margin;
			headerRow();
		}
		texts.forEach((t, i) => w.text(t, xs[i] + pad, y + pad, widths[i] - 2 * pad, styles[i]));
		y += h;
		doc.moveTo(left, y).lineTo(left + CONTENT_WIDTH, y).lineWidth(0.4).strokeColor(RULE).stroke();
	}
	return y + 6;
}

/** The permalink's QR code as black squares (with its quiet zone) in a `size` box. */
function drawQr(doc: Doc, matrix: boolean[][], x: number, y: number, size: number): void {
	const quiet = 2;
	const cell = size / (matrix.length + 2 * quiet);
	doc.rect(x, y, size, size).fill('#ffffff');
	matrix.forEach((row, r) => row.forEach((dark, c) => dark && doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell)));
	doc.fill('#000000');
}

/** The same shapes as reportMapSvg, as PDF vector paths. */
function drawMap(doc: Doc, w: Writer, d: MapDrawing, x: number, y: number): void {
	doc.save();
	doc.translate(x, y);
	doc.rect(0, 0, d.width, d.height).fill('#fbfaf6');
	doc.save();
	doc.rect(0, 0, d.width, d.height).clip();
	for (const s of d.shapes) {
		if (s.rings.length) {
			for (const ring of s.rings) {
				doc.moveTo(ring[0][0], ring[0][1]);
				for (let i = 1; i < ring.length; i++) doc.lineTo(ring[i][0], ring[i][1]);
				doc.closePath();
			}
			doc.lineWidth(s.strokeWidth).lineJoin('round');
			doc.fillOpacity(s.fillOpacity).strokeOpacity(1);
			if (s.fill === 'none') doc.stroke(s.stroke);
			else doc.fillAndStroke(s.fill, s.stroke, 'even-odd');
			doc.fillOpacity(1);
		}
		for (const line of s.lines) {
			if (line.length < 2) continue;
			doc.moveTo(line[0][0], line[0][1]);
			for (let i = 1; i < line.length; i++) doc.lineTo(line[i][0], line[i][1]);
			if (s.dashed) doc.dash(5, { space: 3 });
			doc.lineWidth(s.strokeWidth + 1).lineCap('round').stroke(s.stroke);
			doc.undash();
		}
		for (const p of s.points) doc.circle(p[0], p[1], s.role === 'context' ? 2.5 : 4).lineWidth(1).fillAndStroke(s.stroke, '#ffffff');
	}
	for (const l of d.labels) w.text(l.text, l.x, l.y - 8, 120, { size: 7, color: '#444444', lineGap: 0 });
	// Lon/lat grid, labels on the top and left edges over a white tab.
	for (const g of d.grid.lines) doc.moveTo(g.x1, g.y1).lineTo(g.x2, g.y2);
	doc.lineWidth(0.4).strokeOpacity(0.6).stroke('#7a7f85').strokeOpacity(1);
	for (const l of d.grid.labels) {
		const tw = w.width(l.text, { size: 6.5 });
		const [tx, ty] = l.edge === 'top' ? [l.x - tw / 2, 1] : [1, l.y - 9];
		doc.rect(tx - 1, ty, tw + 2, 8.5).fillOpacity(0.85).fill('#ffffff').fillOpacity(1);
		w.text(l.text, tx, ty, tw + 2, { size: 6.5, color: '#333333', lineGap: 0 });
	}
	doc.restore();
	// Location inset: the prefecture with the footprint marked.
	const inset = d.inset;
	if (inset) {
		doc.rect(inset.x, inset.y, inset.width, inset.height).lineWidth(0.8).fillAndStroke('#ffffff', '#666666');
		for (const ring of inset.rings) {
			doc.moveTo(ring[0][0], ring[0][1]);
			for (let i = 1; i < ring.length; i++) doc.lineTo(ring[i][0], ring[i][1]);
			doc.closePath();
		}
		doc.lineWidth(0.8).fillAndStroke('#eef2e6', '#555555');
		doc.circle(inset.marker[0], inset.marker[1], 3.5).lineWidth(1).fillAndStroke('#d7191c', '#ffffff');
	}

	// Scale bar.
	const sb = d.scaleBar;
	doc.rect(sb.x, sb.y, sb.length / 2, 4).fill('#000000');
	doc.rect(sb.x + sb.length / 2, sb.y, sb.length / 2, 4).lineWidth(0.8).fillAndStroke('#ffffff', '#000000');
	w.text(sb.label, sb.x - 20, sb.y - 12, sb.length + 40, { size: 8, align: 'center' });
	// North arrow.
	const na = d.north;
	doc.polygon([na.x, na.y], [na.x + na.size / 3, na.y + na.size], [na.x, na.y + na.size * 0.72]).fill('#000000');
	doc.polygon([na.x, na.y], [na.x - na.size / 3, na.y + na.size], [na.x, na.y + na.size * 0.72]).lineWidth(0.8).fillAndStroke('#ffffff', '#000000');
	w.text(na.label, na.x - 15, na.y + na.size + 2, 30, { size: 9, weight: 700, align: 'center' });
	doc.rect(0, 0, d.width, d.height).lineWidth(0.8).stroke('#666666');
	// Legend, below the map.
	for (const l of d.legend) {
		doc.rect(l.x, l.y, 16, 10).lineWidth(1);
		doc.fillOpacity(l.fill === 'none' ? 0 : l.fillOpacity).strokeOpacity(1);
		doc.fillAndStroke(l.fill === 'none' ? '#ffffff' : l.fill, l.stroke);
		doc.fillOpacity(1);
		w.text(l.label, l.x + 22, l.y, d.width - l.x - 22, { size: d.legendFontSize - 0.5, lineGap: 0 });
	}
	doc.restore();
}
