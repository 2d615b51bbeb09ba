import rule from './network.meal-service-coverage.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import { regionSubject } from '../../test/support/facts.js';

type N = number | null;
const meals = (villages: N, villagesTotal: N, communities: N, communitiesTotal: N) =>
  regionSubject({
    villages_with_meal_service: villages,
    villages_total: villagesTotal,
    communities_with_meal_service: communities,
    communities_total: communitiesTotal,
  });

ruleTester(rule, {
  params: { share: 1 },
  due: null,
  valid: [
    {
      name: 'exactly at the figure: 169 villages and 20 communities of 169 and 20',
      subject: meals(169, 169, 20, 20),
      measured: 1,
      message: {
        zh: '已开展助餐、送餐服务的行政村 169 个、社区 20 个 ÷ 行政村 169 个、社区 20 个 = 100%，要求 100%，达标',
        en: '169 villages and 20 communities reached by meal help or delivery of 169 villages and 20 communities = 100%',
      },
    },
    { name: '0 communities of 0 add nothing: 169 of 169 villages', subject: meals(169, 169, 0, 0), measured: 1 },
    { name: 'a lower figure met exactly', subject: meals(150, 180, 20, 20), params: { share: 0.85 }, measured: 0.85 },
    { name: 'no villages and no communities', subject: meals(0, 0, 0, 0), status: 'not_applicable', message: { zh: '行政村数与社区数均为 0，不适用' } },
  ],
  invalid: [
    { name: '150 + 20 of 169 + 20', subject: meals(150, 169, 20, 20), status: 'fail', measured: 170 / 189, shortfall: 19 / 189 },
    { name: 'with a due date still ahead it is a warning', subject: meals(150, 169, 20, 20), due: '2025-12-31', asOf: '2025-06-30', status: 'warn' },
    { name: 'villages served blank: unsettled', subject: meals(null, 169, 20, 20), status: 'insufficient_data', missing: ['villages_with_meal_service'], range: [20 / 189, 1] },
    {
      name: 'communities served blank but the villages already fall short: a settled fail',
      subject: meals(160, 169, null, 20),
      status: 'fail',
      measured: null,
      range: [160 / 189, 180 / 189],
      shortfall: 9 / 189,
    },
    { name: 'a blank community total is unknown', subject: meals(169, 169, 20, null), status: 'insufficient_data', missing: ['communities_total'] },
  ],
});
