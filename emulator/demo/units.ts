/**
 * The 36 units that sent the 70 commissioners (seed: "区直、市直、县(市、区)三级36个单位") and the four
 * 专班. The category defaults of DESIGN.md §4 name eight of the city codes; the demo uses exactly those.
 */
import type { UnitLevel } from '../../types/domain'

export interface UnitRow {
  code: string
  name: string
  level: UnitLevel
  /** how many of the 70 commissioners this unit sent */
  commissioners: number
}

export const UNIT_ROWS: readonly UnitRow[] = [
  // 区直: autonomous-region bodies whose Guilin teams work with the city (seed: "自治区特派员派驻桂林工作队")
  { code: 'region-industry-it', name: '自治区工业和信息化厅', level: 'region', commissioners: 3 },
  { code: 'region-drug-admin', name: '自治区药品监督管理局', level: 'region', commissioners: 1 },
  { code: 'region-natural-resources', name: '自治区自然资源厅', level: 'region', commissioners: 1 },
  { code: 'region-development-reform', name: '自治区发展和改革委员会', level: 'region', commissioners: 1 },

  // 市直: the eight defaults of DESIGN.md §4 first
  { code: 'finance-office', name: '市金融办', level: 'city', commissioners: 2 },
  { code: 'natural-resources', name: '市自然资源和规划局', level: 'city', commissioners: 2 },
  { code: 'approval-bureau', name: '市行政审批局', level: 'city', commissioners: 2 },
  { code: 'industry-it', name: '市工业和信息化局', level: 'city', commissioners: 6 },
  { code: 'hrss', name: '市人力资源和社会保障局', level: 'city', commissioners: 2 },
  { code: 'housing-construction', name: '市住房和城乡建设局', level: 'city', commissioners: 2 },
  { code: 'education', name: '市教育局', level: 'city', commissioners: 1 },
  { code: 'key-projects-office', name: '市重点办', level: 'city', commissioners: 4 },
  { code: 'development-reform', name: '市发展和改革委员会', level: 'city', commissioners: 3 },
  { code: 'power-supply', name: '广西电网桂林供电局', level: 'city', commissioners: 2 },
  { code: 'ecology-environment', name: '市生态环境局', level: 'city', commissioners: 1 },
  { code: 'commerce', name: '市商务局', level: 'city', commissioners: 2 },
  { code: 'tax', name: '市税务局', level: 'city', commissioners: 1 },
  { code: 'market-regulation', name: '市市场监督管理局', level: 'city', commissioners: 2 },
  { code: 'science-technology', name: '市科学技术局', level: 'city', commissioners: 2 },
  { code: 'finance-bureau', name: '市财政局', level: 'city', commissioners: 1 },
  { code: 'investment-promotion', name: '市投资促进局', level: 'city', commissioners: 2 },
  { code: 'high-tech-zone', name: '桂林高新区管委会', level: 'city', commissioners: 4 },
  { code: 'econ-dev-zone', name: '桂林经开区管委会', level: 'city', commissioners: 4 },

  // 县(市、区): the governments of the districts and counties with the most industry
  { code: 'county-lingui', name: '临桂区人民政府', level: 'county', commissioners: 3 },
  { code: 'county-qixing', name: '七星区人民政府', level: 'county', commissioners: 1 },
  { code: 'county-xiangshan', name: '象山区人民政府', level: 'county', commissioners: 1 },
  { code: 'county-yanshan', name: '雁山区人民政府', level: 'county', commissioners: 1 },
  { code: 'county-lingchuan', name: '灵川县人民政府', level: 'county', commissioners: 2 },
  { code: 'county-xingan', name: '兴安县人民政府', level: 'county', commissioners: 3 },
  { code: 'county-quanzhou', name: '全州县人民政府', level: 'county', commissioners: 1 },
  { code: 'county-yongfu', name: '永福县人民政府', level: 'county', commissioners: 2 },
  { code: 'county-pingle', name: '平乐县人民政府', level: 'county', commissioners: 1 },
  { code: 'county-lipu', name: '荔浦市人民政府', level: 'county', commissioners: 1 },
  { code: 'county-longsheng', name: '龙胜各族自治县人民政府', level: 'county', commissioners: 1 },
  { code: 'county-gongcheng', name: '恭城瑶族自治县人民政府', level: 'county', commissioners: 1 },
  { code: 'county-ziyuan', name: '资源县人民政府', level: 'county', commissioners: 1 },
]

/** The county unit that answers for an enterprise's district, where the directory has one. */
export const COUNTY_UNIT_BY_DISTRICT: Readonly<Record<string, string>> = {
  临桂区: 'county-lingui',
  七星区: 'county-qixing',
  象山区: 'county-xiangshan',
  雁山区: 'county-yanshan',
  灵川县: 'county-lingchuan',
  兴安县: 'county-xingan',
  全州县: 'county-quanzhou',
  永福县: 'county-yongfu',
  平乐县: 'county-pingle',
  荔浦市: 'county-lipu',
  龙胜各族自治县: 'county-longsheng',
  恭城瑶族自治县: 'county-gongcheng',
  资源县: 'county-ziyuan',
}

export interface TaskForceRow {
  code: string
  name: string
  /** slug of the leading city leader (leaders.ts) */
  leader: string
  memberUnitCodes: string[]
}

/**
 * 专班 for the four bottlenecks (seed: "资金、土地、项目审批、生产要素4类关键瓶颈问题，由市领导牵头成立…工作专班").
 * They are bodies of their own, not among the 36 units: they sent no commissioners, and their
 * members are those units.
 */
export const TASK_FORCE_ROWS: readonly TaskForceRow[] = [
  {
    code: 'tf-financing',
    name: '融资专班',
    leader: 'executive-vice-mayor',
    memberUnitCodes: ['finance-office', 'finance-bureau', 'industry-it', 'tax', 'development-reform'],
  },
  {
    code: 'tf-land',
    name: '用地专班',
    leader: 'vice-mayor-land',
    memberUnitCodes: ['natural-resources', 'region-natural-resources', 'housing-construction', 'key-projects-office'],
  },
  {
    code: 'tf-approval',
    name: '审批专班',
    leader: 'vice-mayor-approval',
    memberUnitCodes: [
      'approval-bureau',
      'development-reform',
      'ecology-environment',
      'natural-resources',
      'housing-construction',
    ],
  },
  {
    code: 'tf-factors',
    name: '要素保障专班',
    leader: 'vice-mayor-industry',
    memberUnitCodes: [
      'industry-it',
      'power-supply',
      'development-reform',
      'region-industry-it',
      'region-development-reform',
    ],
  },
]
