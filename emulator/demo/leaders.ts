/**
 * The 35 city leaders of the 2021 plan, each linked to exactly two key enterprises (seed: "70家…由35名
 * 市领导联系服务"). Names are invented. The pairs are data, so the 35 × 2 = 70 coverage can be read
 * here and is checked by the tests.
 */

export interface LeaderRow {
  /** stable part of ids: leader `leader-<slug>`, app account `demo-leader-<slug>` */
  slug: string
  name: string
  title: string
  /** slugs of the two key enterprises this leader serves (enterprises.ts) */
  enterprises: readonly [string, string]
}

export const LEADER_ROWS: readonly LeaderRow[] = [
  { slug: 'secretary', name: '周立群', title: '市委书记', enterprises: ['liquan', 'fuda'] },
  { slug: 'mayor', name: '黄志刚', title: '市委副书记、市长', enterprises: ['hongcheng', 'sanjin'] },
  { slug: 'npc-director', name: '韦明华', title: '市人大常委会主任', enterprises: ['cable', 'xingchen'] },
  { slug: 'cppcc-chair', name: '莫建新', title: '市政协主席', enterprises: ['seamild', 'layn'] },
  { slug: 'deputy-secretary', name: '陈永平', title: '市委副书记', enterprises: ['huaxin', 'nanyao'] },
  { slug: 'executive-vice-mayor', name: '李卫东', title: '市委常委、常务副市长', enterprises: ['bus', 'tianhe'] },
  {
    slug: 'discipline-secretary',
    name: '蒋德胜',
    title: '市委常委、市纪委书记、市监委主任',
    enterprises: ['rubber-machinery', 'capacitor'],
  },
  {
    slug: 'organization-head',
    name: '唐海波',
    title: '市委常委、组织部部长',
    enterprises: ['electrical-research', 'machine-tool'],
  },
  {
    slug: 'propaganda-head',
    name: '秦文静',
    title: '市委常委、宣传部部长',
    enterprises: ['sanhua', 'xiangshan-liquor'],
  },
  {
    slug: 'political-legal-head',
    name: '伍国强',
    title: '市委常委、政法委书记',
    enterprises: ['changhai', 'guanglong'],
  },
  { slug: 'united-front-head', name: '廖志勇', title: '市委常委、统战部部长', enterprises: ['zhishen', 'haiwei'] },
  { slug: 'secretary-general', name: '刘晓燕', title: '市委常委、秘书长', enterprises: ['deep-tech', 'urit'] },
  { slug: 'standing-vice-mayor', name: '覃振宇', title: '市委常委、副市长', enterprises: ['jinge', 'tebon'] },
  {
    slug: 'vice-mayor-industry',
    name: '阳光辉',
    title: '副市长（分管工业和信息化）',
    enterprises: ['pinggang', 'fuda-crankshaft'],
  },
  { slug: 'vice-mayor-land', name: '邓建军', title: '副市长（分管自然资源）', enterprises: ['yuhuan', 'zhegui-auto'] },
  { slug: 'vice-mayor-approval', name: '谢春林', title: '副市长（分管行政审批）', enterprises: ['hongtuo', 'hengbao'] },
  { slug: 'vice-mayor-education', name: '蒙丽萍', title: '副市长（分管教育）', enterprises: ['woodpecker', 'zizhu'] },
  {
    slug: 'vice-mayor-agriculture',
    name: '黎红梅',
    title: '副市长（分管农业农村）',
    enterprises: ['jifusi', 'huamei-talc'],
  },
  { slug: 'vice-mayor-commerce', name: '王海涛', title: '副市长（分管商务）', enterprises: ['huayu', 'fenghuayuan'] },
  {
    slug: 'vice-mayor-public-security',
    name: '梁宏伟',
    title: '副市长、市公安局局长',
    enterprises: ['aerospace-electronics', 'xinzhu'],
  },
  {
    slug: 'vice-mayor-finance',
    name: '文清远',
    title: '副市长（分管财政金融）',
    enterprises: ['guineng', 'xinda-building'],
  },
  {
    slug: 'npc-vice-director-1',
    name: '何家宁',
    title: '市人大常委会副主任',
    enterprises: ['guibei-machinery', 'liyuan'],
  },
  {
    slug: 'npc-vice-director-2',
    name: '苏长青',
    title: '市人大常委会副主任',
    enterprises: ['guolong', 'jinxiu-textile'],
  },
  {
    slug: 'npc-vice-director-3',
    name: '潘瑞祥',
    title: '市人大常委会副主任',
    enterprises: ['zhoushi', 'lingchuang-materials'],
  },
  {
    slug: 'npc-vice-director-4',
    name: '卢明远',
    title: '市人大常委会副主任',
    enterprises: ['juntaifu', 'fushou-luohanguo'],
  },
  {
    slug: 'npc-vice-director-5',
    name: '钟少华',
    title: '市人大常委会副主任',
    enterprises: ['huarui-optoelectronics', 'guitie-rail'],
  },
  { slug: 'npc-vice-director-6', name: '石建平', title: '市人大常委会副主任', enterprises: ['lijia', 'guanglu'] },
  {
    slug: 'cppcc-vice-chair-1',
    name: '雷永红',
    title: '市政协副主席',
    enterprises: ['tiechuang-materials', 'baolai-bio'],
  },
  {
    slug: 'cppcc-vice-chair-2',
    name: '罗春燕',
    title: '市政协副主席',
    enterprises: ['jingrui-auto', 'jinyuan-chemical'],
  },
  {
    slug: 'cppcc-vice-chair-3',
    name: '全胜利',
    title: '市政协副主席',
    enterprises: ['xianggui-building', 'tianhu-food'],
  },
  {
    slug: 'cppcc-vice-chair-4',
    name: '龙德明',
    title: '市政协副主席',
    enterprises: ['lijiang-stone', 'suqiao-casting'],
  },
  {
    slug: 'cppcc-vice-chair-5',
    name: '赵晓峰',
    title: '市政协副主席',
    enterprises: ['hengfeng-hanger', 'lixiang-food'],
  },
  {
    slug: 'cppcc-vice-chair-6',
    name: '胡建华',
    title: '市政协副主席',
    enterprises: ['huasheng-wood', 'zijiang-bamboo'],
  },
  {
    slug: 'court-president',
    name: '张国栋',
    title: '市中级人民法院院长',
    enterprises: ['measuring-tools', 'zhixin-micro'],
  },
  {
    slug: 'chief-procurator',
    name: '马文斌',
    title: '市人民检察院检察长',
    enterprises: ['lingyuan-herbal', 'hongxing-paper'],
  },
]
