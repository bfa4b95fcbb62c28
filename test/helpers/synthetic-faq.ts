// Test and bench helper: a large, realistic FAQ (a city's service desk: services × questions × districts), for
// measuring and testing FAQ matching at the size staff can import (5,000 entries).
import type { FaqEntry } from '../../server/core/store.js';

const SERVICES = [
  '社保卡', '医保卡', '公积金', '营业执照', '身份证', '户口', '居住证', '驾驶证', '行驶证', '护照', '港澳通行证', '结婚登记',
  '离婚登记', '出生医学证明', '不动产登记', '房产证', '契税', '个体工商户', '食品经营许可证', '卫生许可证', '建设工程规划许可证',
  '施工许可证', '税务登记', '增值税发票', '残疾人证', '老年优待证', '最低生活保障', '养老保险', '失业保险', '工伤认定', '生育津贴',
  '退休审批', '人才引进', '职称评审', '教师资格证', '消防验收', '环评审批', '排污许可证', '取水许可', '林木采伐许可证',
  '烟草专卖许可证', '药品经营许可证', '医疗机构执业许可证', '道路运输许可证', '出租车营运证', '机动车年检', '交通违章处理',
  '新生儿落户', '户口迁移', '独生子女证', '优待证', '法律援助', '公证', '档案查询', '学籍证明', '无犯罪记录证明', '殡葬补贴',
  '廉租房申请', '供暖费', '燃气开户',
];

/** Question and another phrasing, `{s}` for the service. */
const TEMPLATES: Array<[string, string]> = [
  ['{s}在哪里办理？', '{s}去哪办'],
  ['办理{s}需要哪些材料？', '{s}要带什么证件'],
  ['{s}办理需要多长时间？', '{s}多久能办好'],
  ['{s}收费吗？', '办{s}要交钱吗'],
  ['{s}可以网上办理吗？', '{s}能不能在网上办'],
  ['{s}丢了怎么补办？', '{s}遗失了如何补办'],
  ['{s}的办理流程是什么？', '{s}怎么办理'],
  ['{s}咨询电话是多少？', '{s}打哪个电话咨询'],
  ['{s}需要本人到场吗？', '{s}可以代办吗'],
  ['{s}过期了怎么办？', '{s}到期了怎么续'],
  ['{s}信息变更需要什么手续？', '{s}怎么变更信息'],
  ['{s}办理进度怎么查询？', '{s}办到哪一步了怎么查'],
];

const DISTRICTS = ['东安区', '西安区', '爱民区', '阳明区', '宁安市', '海林市', '穆棱市'];

/**
 * `count` distinct FAQ entries (at most 60 × 12 × 7 = 5,040), ids from `firstId`; deterministic.
 * Each has the question and one other phrasing, and an answer naming the district.
 */
export function syntheticFaqEntries(count = 5000, firstId = 1000): FaqEntry[] {
  const out: FaqEntry[] = [];
  const at = '2024-01-01T00:00:00.000Z';
  for (const district of DISTRICTS) {
    for (const [question, other] of TEMPLATES) {
      for (const service of SERVICES) {
        if (out.length >= count) return out;
        const fill = (t: string) => `${district}${t.replace('{s}', service)}`;
        out.push({
          id: firstId + out.length,
          question: fill(question),
          alternatives: [fill(other)],
          answer: `${district}政务服务中心：${service}的办理请到一楼综合窗口，工作日 9:00—17:00。`,
          link: null,
          tags: [district],
          enabled: true,
          hot: false,
          createdAt: at,
          updatedAt: at,
          version: 1,
        });
      }
    }
  }
  return out;
}
