// Owns what the code knows of the national report template (国办公开办函〔2021〕30号 and its 2019 predecessor
// 国办公开办函〔2019〕60号): its headings, table captions, row and column labels. Data only; no runtime imports.

/**
 * One block of the 主动公开 table: a caption row (第二十条第（一）项), its column labels, and the rows it holds.
 * A row's values follow its label in the order of `columns`.
 */
export interface TemplateBlock {
  caption: string;
  /** Value columns, left to right (the label column 信息内容 is not among them). */
  columns: string[];
  rows: string[];
}

/** A column of a table with a header several rows deep: its labels from the top header row down. */
export type ColumnPath = string[];

/** A table of the template whose header the code knows, so that it can be read even when a page lost its layout. */
export interface TemplateTable {
  /** The header's text, every label in reading order (whitespace and punctuation width ignored when compared). */
  header: string[];
  /** Value columns, left to right. */
  columns: ColumnPath[];
  /** Row labels, outermost first; a nested row is written `parent › child`. */
  rows: string[];
}

/** The report's standard headings, as 2021 and 2019 templates word them (a page may number them). */
export const TEMPLATE_HEADINGS: string[] = [
  '总体情况',
  '主动公开政府信息情况',
  '收到和处理政府信息公开申请情况',
  '政府信息公开行政复议、行政诉讼情况',
  '政府信息公开行政复议、行政诉讼的情况',
  '因政府信息公开申请行政复议、提起行政诉讼的情况',
  '政府信息公开工作存在的主要问题及改进情况',
  '存在的主要问题及改进情况',
  '其他需要报告的事项',
  '概述',
];

/** 二、主动公开政府信息情况: 2021 wording first, then 2019's. */
export const DISCLOSURE_BLOCKS: TemplateBlock[] = [
  { caption: '第二十条第（一）项', columns: ['本年制发件数', '本年废止件数', '现行有效件数'], rows: ['规章', '行政规范性文件'] },
  { caption: '第二十条第（五）项', columns: ['本年处理决定数量'], rows: ['行政许可'] },
  { caption: '第二十条第（六）项', columns: ['本年处理决定数量'], rows: ['行政处罚', '行政强制'] },
  { caption: '第二十条第（八）项', columns: ['本年收费金额（单位：万元）'], rows: ['行政事业性收费'] },
  { caption: '第二十条第（一）项', columns: ['本年新制作数量', '本年新公开数量', '对外公开总数量'], rows: ['规章', '规范性文件'] },
  { caption: '第二十条第（五）项', columns: ['上一年项目数量', '本年增/减', '处理决定数量'], rows: ['行政许可', '其他对外管理服务事项'] },
  { caption: '第二十条第（六）项', columns: ['上一年项目数量', '本年增/减', '处理决定数量'], rows: ['行政处罚', '行政强制'] },
  { caption: '第二十条第（八）项', columns: ['上一年项目数量', '本年增/减'], rows: ['行政事业性收费'] },
  { caption: '第二十条第（九）项', columns: ['采购项目数量', '采购总金额'], rows: ['政府集中采购'] },
];

const APPLICANTS: ColumnPath[] = [
  ['自然人'],
  ['法人或其他组织', '商业企业'],
  ['法人或其他组织', '科研机构'],
  ['法人或其他组织', '社会公益组织'],
  ['法人或其他组织', '法律服务机构'],
  ['法人或其他组织', '其他'],
  ['总计'],
];

const RESULT = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];

/** 三、收到和处理政府信息公开申请情况 and 四、行政复议、行政诉讼: tables whose header is several rows deep. */
export const TEMPLATE_TABLES: TemplateTable[] = [
  {
    header: ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况', '自然人', '法人或其他组织', '总计', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
    columns: APPLICANTS,
    rows: [
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '三、本年度办理结果 › （一）予以公开',
      '三、本年度办理结果 › （二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      '三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密',
      '三、本年度办理结果 › （三）不予公开 › 2.其他法律行政法规禁止公开',
      '三、本年度办理结果 › （三）不予公开 › 3.危及“三安全一稳定”',
      '三、本年度办理结果 › （三）不予公开 › 4.保护第三方合法权益',
      '三、本年度办理结果 › （三）不予公开 › 5.属于三类内部事务信息',
      '三、本年度办理结果 › （三）不予公开 › 6.属于四类过程性信息',
      '三、本年度办理结果 › （三）不予公开 › 7.属于行政执法案卷',
      '三、本年度办理结果 › （三）不予公开 › 8.属于行政查询事项',
      '三、本年度办理结果 › （四）无法提供 › 1.本机关不掌握相关政府信息',
      '三、本年度办理结果 › （四）无法提供 › 2.没有现成信息需要另行制作',
      '三、本年度办理结果 › （四）无法提供 › 3.补正后申请内容仍不明确',
      '三、本年度办理结果 › （五）不予处理 › 1.信访举报投诉类申请',
      '三、本年度办理结果 › （五）不予处理 › 2.重复申请',
      '三、本年度办理结果 › （五）不予处理 › 3.要求提供公开出版物',
      '三、本年度办理结果 › （五）不予处理 › 4.无正当理由大量反复申请',
      '三、本年度办理结果 › （五）不予处理 › 5.要求行政机关确认或重新出具已获取信息',
      '三、本年度办理结果 › （六）其他处理 › 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      '三、本年度办理结果 › （六）其他处理 › 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      '三、本年度办理结果 › （六）其他处理 › 3.其他',
      '三、本年度办理结果 › （六）其他处理',
      '三、本年度办理结果 › （七）总计',
      '四、结转下年度继续办理',
    ],
  },
  {
    header: ['行政复议', '行政诉讼', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉', ...RESULT, ...RESULT],
    columns: [
      ...RESULT.map((r) => ['行政复议', r]),
      ...RESULT.map((r) => ['行政诉讼', '未经复议直接起诉', r]),
      ...RESULT.map((r) => ['行政诉讼', '复议后起诉', r]),
    ],
    rows: [],
  },
];

/** Words that head a table's label column (信息内容) or annotate it; never a label of a value. */
export const LABEL_COLUMN_HEADS = ['信息内容', '指标名称', '项目', '统计指标', '计量单位', '单位'];

/** Words that mark a total row or column, checked against the sum of its parts. */
export const TOTAL_LABELS = /^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)?\s*(?:总计|合计|小计|共计)$/;
