import type { Feature } from 'geojson';
import { publicAttributes } from '../../layers/registry';
import type { AttributeDef, LayerDef } from '../../layers/types';
import type { CollectionDocument, Link } from './documents';

const escape = (value: unknown) =>
	String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const STYLE = `body{font:15px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}nav a{margin-right:1rem}.note{color:#8a5a00;background:#fff6e0;padding:.5rem 1rem}`;

function page(title: string, body: string, links: Link[]): string {
	const nav = links
		.filter((l) => l.rel !== 'self')
		.map((l) => `<a href="${escape(l.href)}" rel="${escape(l.rel)}" type="${escape(l.type)}">${escape(l.title ?? l.rel)}</a>`)
		.join('');
	return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(title)}</title><style>${STYLE}</style></head><body><h1>${escape(title)}</h1><nav>${nav}</nav>${body}</body></html>`;
}

export function htmlResponse(html: string, status = 200): Response {
	return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' } });
}

export function landingHtml(doc: { title: string; description: string; links: Link[] }): string {
	return page(doc.title, `<p class="note">${escape(doc.description)}</p>`, doc.links);
}

export function conformanceHtml(doc: { conformsTo: string[] }, links: Link[], note: string): string {
	return page('Conformance 一致性', `<ul>${doc.conformsTo.map((c) => `<li>${escape(c)}</li>`).join('')}</ul><p class="note">${escape(note)}</p>`, links);
}

function collectionRow(c: CollectionDocument): string {
	const items = c.links.find((l) => l.rel === 'items' && l.type === 'text/html');
	const bbox = c.extent.spatial.bbox[0].map((n) => n.toFixed(3)).join(', ');
	return `<tr><td><a href="${escape(items?.href ?? '')}">${escape(c.id)}</a></td><td>${escape(c.title)}</td><td>${bbox}</td></tr>`;
}

export function collectionsHtml(doc: { collections: CollectionDocument[]; links: Link[] }): string {
	const rows = doc.collections.map(collectionRow).join('');
	return page('Collections 图层', `<table><tr><th>id</th><th>名称 Title</th><th>范围 Extent</th></tr>${rows}</table>`, doc.links);
}

export function collectionHtml(doc: CollectionDocument): string {
	const links = doc.links.map((l) => `<li><a href="${escape(l.href)}">${escape(l.title ?? l.rel)}</a> (${escape(l.type)})</li>`).join('');
	return page(doc.title, `<p class="note">${escape(doc.description)}</p><ul>${links}</ul>`, doc.links);
}

function cell(attr: AttributeDef, value: unknown): string {
	if (value === null || value === undefined) return '';
	const label = (v: unknown) => (attr.values && typeof v === 'string' && attr.values[v] ? `${attr.values[v].zh} ${attr.values[v].en}` : String(v));
	return escape(Array.isArray(value) ? value.map(label).join('、') : label(value));
}

const header = (attr: AttributeDef) => `<th>${escape(attr.label.zh)}<br>${escape(attr.label.en)}</th>`;

export function itemsHtml(layer: LayerDef, features: Feature[], summary: string, links: Link[]): string {
	const attrs = publicAttributes(layer);
	const rows = features
		.map((f) => {
			const cells = attrs.map((a) => `<td>${cell(a, f.properties?.[a.name])}</td>`).join('');
			return `<tr><td><a href="${escape(`items/${f.id}?f=html`)}">${escape(f.id)}</a></td>${cells}</tr>`;
		})
		.join('');
	const table = `<table><tr><th>id</th>${attrs.map(header).join('')}</tr>${rows}</table>`;
	return page(`${layer.title.zh} ${layer.title.en}`, `<p>${escape(summary)}</p>${table}`, links);
}

export function featureHtml(layer: LayerDef, feature: Feature, links: Link[]): string {
	const rows = publicAttributes(layer)
		.map((a) => `<tr>${header(a)}<td>${cell(a, feature.properties?.[a.name])}</td></tr>`)
		.join('');
	const title = `${layer.title.zh} #${feature.id}`;
	return page(title, `<table>${rows}</table><p>Geometry: ${escape(feature.geometry.type)}</p>`, links);
}
