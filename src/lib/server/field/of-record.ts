import { isFieldLayer } from '../../api/field';
import type { LayerDef } from '../../layers/types';

/** Row columns that inspections can overrule: the status and the restored hectares of record. */
const OF_RECORD: Record<string, string> = {
	status: 'field_status_of_record',
	restored_ha: 'field_restored_of_record'
};

/**
 * SQL reading a layer row's column as of record: for a site's status and restored hectares,
 * the latest accepted inspection's value, else the row's own (SQL functions of migration
 * 005); any other column as it is. Names come from the registry only; `id` is the row's.
 */
export function columnOfRecord(layer: LayerDef, column: string): string {
	const quoted = `"${column.replace(/"/g, '""')}"`;
	const fn = OF_RECORD[column];
	if (!fn || !isFieldLayer(layer.id)) return quoted;
	return `${fn}('${layer.id}', id, ${quoted})`;
}
