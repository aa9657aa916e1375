import { COUNTIES } from './counties';
import type { AttributeDef, LayerApproval, LayerDef, Localized } from './types';

const L = (zh: string, en: string): Localized => ({ zh, en });

/** Attributes every layer has: names, county, and the provenance the data must carry. */
const nameAttrs: AttributeDef[] = [
	{ name: 'name', type: 'text', label: L('名称', 'Name'), public: true, required: true },
	{ name: 'name_en', type: 'text', label: L('英文名称', 'English name'), public: true }
];
const countyAttr: AttributeDef = {
	name: 'county',
	type: 'enum',
	label: L('所在县市', 'County'),
	public: true,
	values: COUNTIES
};
const codeAttr: AttributeDef = { name: 'code', type: 'text', label: L('编号', 'Code'), public: true };
const provenanceAttrs: AttributeDef[] = [
	{ name: 'illustrative', type: 'boolean', label: L('示意数据', 'Illustrative data'), public: true },
	{ name: 'source_note', type: 'text', label: L('数据来源', 'Source'), public: true },
	{ name: 'source_note_en', type: 'text', label: L('数据来源（英文）', 'Source (English)'), public: true }
];

/**
 * The approval of the shipped illustrative (示意) data: none. The authority names who approves
 * the real layer, so a reviewer knows whose document replaces it.
 */
const illustrativeApproval = (approverZh: string, approverEn: string): LayerApproval => ({
	document: L('示意（无文号）', 'Illustrative (no document number)'),
	authority: L(`示意数据，未经批准（法定批准机关：${approverZh}）`, `Illustrative data, not approved (approved by law by: ${approverEn})`),
	status: L('示意', 'Illustrative')
});

const ZONE_LEVELS = {
	first: L('一级保护区', 'First-level zone'),
	second: L('二级保护区', 'Second-level zone'),
	quasi: L('准保护区', 'Quasi-protection zone')
};

/** The shipped data is illustrative: no approval document stands behind it. */
const ILLUSTRATIVE_APPROVAL: LayerApproval = {
	document: L('示意（无文号）', 'Illustrative (no document number)'),
	authority: L('示意数据，无批准机关', 'Illustrative data, no approving authority'),
	status: L('示意', 'Illustrative')
};

/** Legal basis of both urban-development-boundary findings, inside and outside. */
const UDB_BASIS = L(
	'《中华人民共和国土地管理法》第十八条；《自然资源部关于做好城镇开发边界管理的通知（试行）》（自然资发〔2023〕193号）',
	'Land Administration Law, art. 18; MNR Notice on the Management of Urban Development Boundaries (trial), Zi Ran Zi Fa [2023] No. 193'
);

/**
 * The layer registry: one entry per layer. Tiles, the features API, downloads, legend,
 * feature cards, the conflict check and the importer all read it. Ids are URL and API
 * names and must not change.
 */
export const LAYERS: readonly LayerDef[] = [
	{
		id: 'ecological-redline',
		title: L('生态保护红线', 'Ecological protection redline'),
		description: L(
			'生态功能极重要、生态极脆弱的区域，原则上禁止开发性、生产性建设活动。',
			'Areas of vital ecological function or extreme fragility; development and production construction are prohibited in principle.'
		),
		group: 'zoning',
		table: 'ecological_redline',
		geometry: 'polygon',
		geometryType: 'MultiPolygon',
		nameAttribute: 'name',
		attributes: [
			codeAttr,
			...nameAttrs,
			{
				name: 'function_type',
				type: 'enum',
				label: L('功能类型', 'Function type'),
				public: true,
				required: true,
				values: {
					water_conservation: L('水源涵养', 'Water conservation'),
					biodiversity: L('生物多样性维护', 'Biodiversity maintenance'),
					sand_fixation: L('防风固沙', 'Wind-break and sand fixation'),
					soil_conservation: L('水土保持', 'Soil and water conservation'),
					fragile: L('生态脆弱', 'Ecologically fragile')
				}
			},
			countyAttr,
			...provenanceAttrs
		],
		style: { kind: 'fill', fill: '#d7301f', fillOpacity: 0.22, outline: '#b30000' },
		minzoom: 4,
		maxzoom: 14,
		approval: illustrativeApproval('国务院', 'the State Council'),
		zoning: {
			bufferM: 500,
			nearbySeverity: 'attention',
			sliverM2: 1,
			clauses: {
				default: {
					severity: 'forbidden',
					byProjectType: { linear: 'approval', restoration: 'attention', agri_forestry: 'restricted' },
					basis: L(
						'《关于在国土空间规划中统筹划定落实三条控制线的指导意见》；《自然资源部 生态环境部 国家林业和草原局关于加强生态保护红线管理的通知（试行）》（2022）',
						'Guideline on Delimiting the Three Control Lines in Territorial Spatial Planning; MNR/MEE/NFGA Notice on Strengthening Ecological Redline Management (trial, 2022)'
					),
					text: L(
						'红线内原则上禁止开发性、生产性建设活动；国家重大项目等有限人为活动须依法依规审批，生态修复允许。',
						'Development and production construction are prohibited in principle; limited activities such as major national projects need approval under the law; ecological restoration is allowed.'
					)
				}
			}
		}
	},
	{
		id: 'control-unit',
		title: L('生态环境管控单元', 'Eco-environmental control unit'),
		description: L(
			'“三线一单”生态环境分区管控单元：优先保护、重点管控、一般管控，各有生态环境准入清单。',
			'Zoning-control units of the "three lines, one list" system: priority protection, key control and general control, each with an access list.'
		),
		group: 'zoning',
		table: 'control_unit',
		geometry: 'polygon',
		geometryType: 'MultiPolygon',
		nameAttribute: 'name',
		attributes: [
			codeAttr,
			...nameAttrs,
			{
				name: 'unit_type',
				type: 'enum',
				label: L('单元类型', 'Unit type'),
				public: true,
				required: true,
				values: {
					priority: L('优先保护单元', 'Priority protection'),
					key: L('重点管控单元', 'Key control'),
					general: L('一般管控单元', 'General control')
				}
			},
			countyAttr,
			{ name: 'access_requirements', type: 'text', label: L('准入要求', 'Access requirements'), public: true },
			...provenanceAttrs
		],
		style: {
			kind: 'fill',
			fill: '#9e9ac8',
			fillOpacity: 0.1,
			outline: '#6a51a3',
			byAttribute: {
				attribute: 'unit_type',
				colors: { priority: '#74c476', key: '#fd8d3c', general: '#bdbdbd' }
			}
		},
		minzoom: 4,
		maxzoom: 14,
		approval: illustrativeApproval('昌吉回族自治州人民政府', 'the Changji Prefecture People’s Government'),
		zoning: {
			bufferM: 0,
			nearbySeverity: 'attention',
			sliverM2: 1,
			levelAttribute: 'unit_type',
			clauses: {
				priority: {
					severity: 'restricted',
					byProjectType: { restoration: 'attention', mining: 'forbidden' },
					basis: L(
						'《昌吉州生态环境分区管控方案》优先保护单元生态环境准入清单',
						'Changji zoning-control plan: access list of priority-protection units'
					),
					text: L(
						'以生态保护为主，严格限制大规模、高强度开发，禁止新建与保护目标不符的项目。',
						'Protection first: large-scale or intensive development is strictly limited; projects at odds with the protection goals are not allowed.'
					)
				},
				key: {
					severity: 'approval',
					basis: L(
						'《昌吉州生态环境分区管控方案》重点管控单元生态环境准入清单',
						'Changji zoning-control plan: access list of key-control units'
					),
					text: L(
						'须符合单元准入清单的污染物排放管控和环境风险防控要求，依法开展环境影响评价。',
						'The project must meet the unit’s limits on emissions and environmental risk, with an environmental impact assessment.'
					)
				},
				general: {
					severity: 'attention',
					basis: L(
						'《昌吉州生态环境分区管控方案》一般管控单元生态环境准入清单',
						'Changji zoning-control plan: access list of general-control units'
					),
					text: L('执行生态环境保护的普遍性要求。', 'General environmental protection requirements apply.')
				}
			}
		}
	},
	{
		id: 'sand-closure-reserve',
		title: L('国家沙化土地封禁保护区', 'National sand-closure reserve'),
		description: L(
			'全州7个国家沙化土地封禁保护区，严禁一切破坏植被的活动。',
			'The prefecture’s 7 national sandy-land closure reserves, where every activity that damages vegetation is forbidden.'
		),
		group: 'zoning',
		table: 'sand_closure_reserve',
		geometry: 'polygon',
		geometryType: 'MultiPolygon',
		nameAttribute: 'name',
		attributes: [
			codeAttr,
			...nameAttrs,
			countyAttr,
			{ name: 'established_year', type: 'integer', label: L('设立年份', 'Established'), public: true },
			{
				name: 'status',
				type: 'enum',
				label: L('封禁状态', 'Status'),
				public: true,
				values: {
					planned: L('规划', 'Planned'),
					closed: L('封禁中', 'Closure in force'),
					accepted: L('已验收', 'Accepted')
				}
			},
			...provenanceAttrs
		],
		style: { kind: 'fill', fill: '#e6ab02', fillOpacity: 0.22, outline: '#a6761d' },
		minzoom: 4,
		maxzoom: 14,
		approval: illustrativeApproval('国家林业和草原局', 'the National Forestry and Grassland Administration'),
		zoning: {
			bufferM: 500,
			nearbySeverity: 'attention',
			sliverM2: 1,
			clauses: {
				default: {
					severity: 'forbidden',
					byProjectType: { linear: 'approval', restoration: 'attention' },
					basis: L('《中华人民共和国防沙治沙法》第二十二条', 'Law on Desertification Prevention and Control, art. 22'),
					text: L(
						'封禁保护区内禁止一切破坏植被的活动，禁止安置移民；修建铁路、公路等建设须经国务院或其指定部门同意。',
						'All activity that destroys vegetation is forbidden and no one may be resettled there; railways, roads and other construction need the consent of the State Council or a department it designates.'
					)
				}
			}
		}
	},
	{
		id: 'mine-restoration',
		title: L('矿山生态修复', 'Mine restoration site'),
		description: L(
			'历史遗留废弃矿山、采砂坑、采石场与绿色矿山的生态修复项目。',
			'Restoration of historic abandoned mines, sand pits and quarries, and green mines.'
		),
		group: 'restoration',
		table: 'mine_restoration',
		geometry: 'polygon',
		geometryType: 'MultiPolygon',
		nameAttribute: 'name',
		attributes: [
			codeAttr,
			...nameAttrs,
			countyAttr,
			{
				name: 'site_type',
				type: 'enum',
				label: L('类型', 'Site type'),
				public: true,
				required: true,
				values: {
					abandoned_mine: L('历史遗留废弃矿山', 'Historic abandoned mine'),
					sand_pit: L('采砂坑', 'Sand pit'),
					quarry: L('采石场', 'Quarry'),
					green_mine: L('绿色矿山', 'Green mine')
				}
			},
			{
				name: 'status',
				type: 'enum',
				label: L('修复状态', 'Status'),
				public: true,
				required: true,
				values: {
					planned: L('计划', 'Planned'),
					under_way: L('实施中', 'Under way'),
					completed: L('已完工', 'Completed'),
					accepted: L('已验收', 'Accepted')
				}
			},
			{ name: 'restored_ha', type: 'number', label: L('修复面积', 'Restored area'), public: true, unit: L('公顷', 'ha') },
			{
				name: 'method',
				type: 'enum',
				label: L('修复方式', 'Method'),
				public: true,
				values: {
					backfill: L('覆土回填', 'Backfill'),
					reclamation: L('土地复垦', 'Land reclamation'),
					revegetation: L('植被恢复', 'Revegetation')
				}
			},
			{ name: 'responsible_unit', type: 'text', label: L('责任单位', 'Responsible unit'), public: true },
			{ name: 'start_date', type: 'date', label: L('开工日期', 'Start date'), public: true },
			{ name: 'end_date', type: 'date', label: L('完成日期', 'End date'), public: true },
			...provenanceAttrs
		],
		style: {
			kind: 'fill',
			fill: '#1b9e77',
			fillOpacity: 0.3,
			outline: '#0b5d45',
			byAttribute: {
				attribute: 'status',
				colors: { planned: '#c7e9c0', under_way: '#74c476', completed: '#31a354', accepted: '#006d2c' }
			}
		},
		minzoom: 6,
		maxzoom: 16,
		approval: illustrativeApproval('昌吉回族自治州自然资源局', 'the Changji Prefecture Natural Resources Bureau'),
		zoning: {
			bufferM: 200,
			nearbySeverity: 'attention',
			sliverM2: 1,
			clauses: {
				default: {
					severity: 'attention',
					byProjectType: { mining: 'restricted', building: 'approval', solar_wind: 'approval' },
					basis: L('《土地复垦条例》；《矿山地质环境保护规定》', 'Land Reclamation Regulations; Provisions on Mine Geological Environment Protection'),
					text: L(
						'修复区内的新扰动须与修复方案衔接，不得破坏已完成的修复成果。',
						'New disturbance must fit the restoration plan and may not undo completed restoration.'
					)
				}
			}
		}
	},
	{
		id: 'coal-fire',
		title: L('煤田火区', 'Coal-fire zone'),
		description: L(
			'地下煤层自燃区域，伴有地面塌陷、有毒气体和高温风险。',
			'Underground coal seams on fire, with risks of subsidence, toxic gas and heat.'
		),
		group: 'restoration',
		table: 'coal_fire',
		geometry: 'polygon',
		geometryType: 'MultiPolygon',
		nameAttribute: 'name',
		attributes: [
			codeAttr,
			...nameAttrs,
			countyAttr,
			{
				name: 'status',
				type: 'enum',
				label: L('治理状态', 'Status'),
				public: true,
				required: true,
				values: {
					untreated: L('未治理', 'Untreated'),
					in_treatment: L('治理中', 'In treatment'),
					extinguished: L('已熄灭', 'Extinguished'),
					monitoring: L('熄灭后监测', 'Monitoring after extinction')
				}
			},
			...provenanceAttrs
		],
		style: {
			kind: 'fill',
			fill: '#e34a33',
			fillOpacity: 0.4,
			outline: '#7f0000',
			byAttribute: {
				attribute: 'status',
				colors: { untreated: '#b30000', in_treatment: '#e34a33', extinguished: '#969696', monitoring: '#fc8d59' }
			}
		},
		minzoom: 6,
		maxzoom: 16,
		approval: illustrativeApproval('新疆维吾尔自治区人民政府', 'the Xinjiang Uygur Autonomous Region People’s Government'),
		zoning: {
			bufferM: 500,
			nearbySeverity: 'attention',
			sliverM2: 1,
			clauses: {
				default: {
					severity: 'restricted',
					byProjectType: { building: 'forbidden', restoration: 'attention' },
					basis: L('《地质灾害防治条例》第二十一条', 'Regulations on Geological Disaster Prevention, art. 21'),
					text: L(
						'火区存在塌陷、有毒气体和高温风险：须进行地质灾害危险性评估，不宜布置人员密集的建筑。',
						'Fire zones risk subsidence, toxic gas and heat: a geological-hazard risk assessment is required and buildings for people are unsuitable.'
					)
				}
			}
		}
	},
	{
		id: 'water-source-protection',
		title: L('饮用水水源保护区', 'Drinking-water source protection zone'),
		description: L(
			'全州39个集中式饮用水水源地的一级、二级和准保护区。',
			'First, second and quasi protection zones of the prefecture’s 39 centralised drinking-water sources.'
		),
		group: 'zoning',
		table: 'water_source_protection',
		geometry: 'polygon',
		geometryType: 'MultiPolygon',
		nameAttribute: 'name',
		attributes: [
			...nameAttrs,
			{ name: 'source_id', type: 'text', label: L('水源地编号', 'Source id'), public: true, required: true },
			{ name: 'source_name', type: 'text', label: L('水源地', 'Water source'), public: true, required: true },
			{ name: 'source_name_en', type: 'text', label: L('水源地英文名', 'Water source (English)'), public: true },
			{
				name: 'source_type',
				type: 'enum',
				label: L('水源类型', 'Source type'),
				public: true,
				required: true,
				values: {
					river: L('河流型', 'River'),
					reservoir: L('水库型', 'Reservoir'),
					groundwater: L('地下水型', 'Groundwater')
				}
			},
			{ name: 'zone_level', type: 'enum', label: L('保护区级别', 'Zone level'), public: true, required: true, values: ZONE_LEVELS },
			countyAttr,
			{
				name: 'status',
				type: 'enum',
				label: L('保护工程状态', 'Protection works'),
				public: true,
				values: {
					planned: L('待整治', 'To do'),
					under_way: L('整治中', 'Under way'),
					completed: L('已完成', 'Completed')
				}
			},
			...provenanceAttrs
		],
		style: {
			kind: 'fill',
			fill: '#3182bd',
			fillOpacity: 0.25,
			outline: '#08519c',
			byAttribute: { attribute: 'zone_level', colors: { first: '#08519c', second: '#3182bd', quasi: '#9ecae1' } }
		},
		minzoom: 6,
		maxzoom: 16,
		approval: illustrativeApproval('新疆维吾尔自治区人民政府', 'the Xinjiang Uygur Autonomous Region People’s Government'),
		zoning: {
			bufferM: 1000,
			nearbySeverity: 'attention',
			sliverM2: 1,
			levelAttribute: 'zone_level',
			clauses: {
				first: {
					severity: 'forbidden',
					basis: L('《中华人民共和国水污染防治法》第六十五条', 'Water Pollution Prevention and Control Law, art. 65'),
					text: L(
						'一级保护区内禁止新建、改建、扩建与供水设施和保护水源无关的建设项目。',
						'In the first-level zone no project unrelated to water supply or source protection may be built, rebuilt or extended.'
					)
				},
				second: {
					severity: 'forbidden',
					byProjectType: { linear: 'restricted', restoration: 'attention', agri_forestry: 'restricted', other: 'restricted' },
					basis: L('《中华人民共和国水污染防治法》第六十六条', 'Water Pollution Prevention and Control Law, art. 66'),
					text: L(
						'二级保护区内禁止新建、改建、扩建排放污染物的建设项目。',
						'In the second-level zone no project that discharges pollutants may be built, rebuilt or extended.'
					)
				},
				quasi: {
					severity: 'restricted',
					byProjectType: { restoration: 'attention' },
					basis: L('《中华人民共和国水污染防治法》第六十七条', 'Water Pollution Prevention and Control Law, art. 67'),
					text: L(
						'准保护区内禁止新建、扩建对水体污染严重的建设项目，改建不得增加排污量。',
						'In the quasi-protection zone no seriously polluting project may be built or extended, and a rebuilt one may not discharge more.'
					)
				}
			}
		}
	},
	{
		id: 'permanent-basic-farmland',
		title: L('永久基本农田', 'Permanent basic farmland'),
		description: L(
			'“三区三线”之一：依法划定、实行特殊保护的耕地，不得擅自占用或改变用途。',
			'One of the "three zones and three lines": cultivated land designated by law for special protection, which may not be occupied or put to another use without authorisation.'
		),
		group: 'zoning',
		table: 'permanent_basic_farmland',
		geometry: 'polygon',
		geometryType: 'MultiPolygon',
		nameAttribute: 'name',
		attributes: [codeAttr, ...nameAttrs, countyAttr, ...provenanceAttrs],
		style: { kind: 'fill', fill: '#f6e8a6', fillOpacity: 0.3, outline: '#b8a03a' },
		minzoom: 4,
		maxzoom: 14,
		zoning: {
			bufferM: 0,
			nearbySeverity: 'attention',
			sliverM2: 1,
			clauses: {
				default: {
					severity: 'forbidden',
					byProjectType: { linear: 'approval', agri_forestry: 'restricted', restoration: 'attention' },
					basis: L(
						'《中华人民共和国土地管理法》第三十五条；《基本农田保护条例》第十五条、第十七条',
						'Land Administration Law, art. 35; Regulations on the Protection of Basic Farmland, arts. 15 and 17'
					),
					text: L(
						'永久基本农田经依法划定后，任何单位和个人不得擅自占用或者改变其用途；国家能源、交通、水利、军事设施等重点建设项目选址确实难以避让的，须经国务院批准。禁止在其中建房、采矿、挖砂、取土，禁止占用其发展林果业和挖塘养鱼；修复与整治不得减少其面积、降低其质量。',
						'Once designated, permanent basic farmland may not be occupied or put to another use by any unit or person without authorisation; key national energy, transport, water or military projects that truly cannot avoid it need State Council approval. Building, mining, sand digging and soil taking are forbidden, as are orchards, tree planting and fish ponds on it; restoration and consolidation may not reduce its area or quality.'
					)
				}
			}
		},
		approval: ILLUSTRATIVE_APPROVAL
	},
	{
		id: 'urban-development-boundary',
		title: L('城镇开发边界', 'Urban development boundary'),
		description: L(
			'“三区三线”之一：城区、县城和开发区可集中进行城镇开发建设的范围。',
			'One of the "three zones and three lines": where the city, the county towns and the development zones may concentrate urban construction.'
		),
		group: 'zoning',
		table: 'urban_development_boundary',
		geometry: 'polygon',
		geometryType: 'MultiPolygon',
		nameAttribute: 'name',
		attributes: [
			codeAttr,
			...nameAttrs,
			countyAttr,
			{
				name: 'kind',
				type: 'enum',
				label: L('类型', 'Kind'),
				public: true,
				required: true,
				values: {
					city: L('城区', 'City'),
					county_town: L('县城', 'County town'),
					development_zone: L('开发区（园区）', 'Development zone')
				}
			},
			...provenanceAttrs
		],
		style: {
			kind: 'fill',
			fill: '#f781bf',
			fillOpacity: 0.2,
			outline: '#c51b7d',
			byAttribute: { attribute: 'kind', colors: { city: '#de77ae', county_town: '#f1b6da', development_zone: '#c994c7' } }
		},
		minzoom: 4,
		maxzoom: 14,
		zoning: {
			bufferM: 0,
			nearbySeverity: 'attention',
			sliverM2: 1,
			clauses: {
				default: {
					severity: 'attention',
					byProjectType: { mining: 'restricted', solar_wind: 'restricted' },
					basis: UDB_BASIS,
					text: L(
						'位于城镇开发边界内：城镇建设符合国土空间规划分区，须按详细规划确定的用途办理用地和规划许可；采矿和集中式光伏、风电等项目与城镇集中建设的用途不符，原则上不在边界内布局。',
						'Inside the urban development boundary: urban construction fits the territorial plan’s zoning and follows the uses of the detailed plan for land and planning permits; mining and utility-scale solar or wind do not fit urban construction and are in principle not sited inside the boundary.'
					)
				}
			},
			outside: {
				byProjectType: { building: 'approval' },
				basis: UDB_BASIS,
				text: L(
					'位于城镇开发边界外：边界外不得进行城镇集中建设，不得设立各类开发区；确需布局的有特定选址要求的零星城镇建设用地、村庄建设和独立选址的点状、线性工程，须符合国土空间规划和“三区三线”用途管制要求并依法审批。',
					'Outside the urban development boundary: no concentrated urban construction and no development zones; scattered construction land with a specific siting need, village construction and independently sited point or linear works must fit the territorial plan and the use controls of the "three zones and three lines", with approval under the law.'
				)
			}
		},
		approval: ILLUSTRATIVE_APPROVAL
	},
	{
		id: 'county',
		title: L('县级行政区（示意）', 'County (schematic)'),
		description: L('县级行政区示意轮廓，非权威界线。', 'Schematic outlines of the county-level units, not authoritative boundaries.'),
		group: 'basemap',
		table: 'county',
		geometry: 'polygon',
		geometryType: 'MultiPolygon',
		nameAttribute: 'name',
		attributes: [
			codeAttr,
			...nameAttrs,
			{
				name: 'region',
				type: 'enum',
				label: L('片区', 'Planning half'),
				public: true,
				values: { west: L('西片区', 'West'), east: L('东片区', 'East') }
			},
			...provenanceAttrs
		],
		style: { kind: 'fill', fill: '#f7f4ea', fillOpacity: 0.0, outline: '#8c8c8c' },
		minzoom: 0,
		maxzoom: 14
	},
	{
		id: 'town',
		title: L('城镇', 'Town'),
		description: L('州府、县城和主要乡镇。', 'Prefecture seat, county seats and main towns.'),
		group: 'basemap',
		table: 'town',
		geometry: 'point',
		geometryType: 'Point',
		nameAttribute: 'name',
		attributes: [
			...nameAttrs,
			{
				name: 'kind',
				type: 'enum',
				label: L('类型', 'Kind'),
				public: true,
				required: true,
				values: {
					prefecture_seat: L('州府', 'Prefecture seat'),
					county_seat: L('县城', 'County seat'),
					town: L('乡镇', 'Town')
				}
			},
			countyAttr,
			...provenanceAttrs
		],
		style: { kind: 'circle', color: '#252525', radius: 4, stroke: '#ffffff' },
		minzoom: 4,
		maxzoom: 16
	},
	{
		id: 'river',
		title: L('主要河流（示意）', 'Main river (schematic)'),
		description: L('主要河流示意走向。', 'Schematic courses of the main rivers.'),
		group: 'basemap',
		table: 'river',
		geometry: 'line',
		geometryType: 'MultiLineString',
		nameAttribute: 'name',
		attributes: [...nameAttrs, ...provenanceAttrs],
		style: { kind: 'line', color: '#4a90d9', width: 1.5 },
		minzoom: 4,
		maxzoom: 16
	},
	{
		id: 'lake',
		title: L('湖泊与水库（示意）', 'Lake and reservoir (schematic)'),
		description: L('湖泊与水库示意范围。', 'Schematic extents of lakes and reservoirs.'),
		group: 'basemap',
		table: 'lake',
		geometry: 'polygon',
		geometryType: 'MultiPolygon',
		nameAttribute: 'name',
		attributes: [
			...nameAttrs,
			{
				name: 'kind',
				type: 'enum',
				label: L('类型', 'Kind'),
				public: true,
				required: true,
				values: { lake: L('湖泊', 'Lake'), reservoir: L('水库', 'Reservoir') }
			},
			...provenanceAttrs
		],
		style: { kind: 'fill', fill: '#8ec5ee', fillOpacity: 0.9, outline: '#4a90d9' },
		minzoom: 4,
		maxzoom: 16
	},
	{
		id: 'monitoring-station',
		title: L('生态环境监测站点', 'Monitoring station'),
		description: L(
			'70个自动监测站和385个网格化微型站。',
			'70 automatic monitoring stations and 385 grid micro-stations.'
		),
		group: 'monitoring',
		table: 'monitoring_station',
		geometry: 'point',
		geometryType: 'Point',
		nameAttribute: 'name',
		attributes: [
			codeAttr,
			...nameAttrs,
			{
				name: 'kind',
				type: 'enum',
				label: L('站点类型', 'Kind'),
				public: true,
				required: true,
				values: { automatic: L('自动监测站', 'Automatic station'), micro: L('微型站', 'Micro-station') }
			},
			{
				name: 'measures',
				type: 'text[]',
				label: L('监测要素', 'Measures'),
				public: true,
				values: {
					air: L('空气', 'Air'),
					water: L('水质', 'Water'),
					noise: L('噪声', 'Noise'),
					radiation: L('辐射', 'Radiation')
				}
			},
			countyAttr,
			...provenanceAttrs
		],
		style: {
			kind: 'circle',
			color: '#6a3d9a',
			radius: 3,
			stroke: '#ffffff',
			byAttribute: { attribute: 'kind', colors: { automatic: '#6a3d9a', micro: '#cab2d6' } }
		},
		minzoom: 4,
		maxzoom: 16
	}
];

const byId = new Map(LAYERS.map((layer) => [layer.id, layer]));

/** The layer with this id, or undefined: an id from a request is only ever looked up here. */
export function getLayer(id: string): LayerDef | undefined {
	return byId.get(id);
}

/** Zoning layers: those a conflict check tests a footprint against. */
export function zoningLayers(): LayerDef[] {
	return LAYERS.filter((layer) => layer.zoning !== undefined);
}

export function publicAttributes(layer: LayerDef): AttributeDef[] {
	return layer.attributes.filter((a) => a.public);
}
