/** Invented personal names for contacts, staff and commissioners; surnames lean to those common in Guilin. */
import type { Random } from './random'

const SURNAMES = '李王张刘陈黄韦莫覃蒋唐秦廖梁蒙邓周谢罗潘卢钟石雷龙阳文何苏伍全赵胡杨吴徐朱林郭粟曾彭邹'.split('')
const GIVEN_CHARS =
  '建伟华明芳丽军强平杰海红燕玲勇辉涛斌波宁静敏霞鹏飞宇欣婷俊峰磊琳东春秋晓志新国文光荣金玉振永立宏德锋嘉瑞思桂漓恒佳若雯凯'.split(
    '',
  )

/** Gives distinct names; `reserved` are names fixed elsewhere (identities, leaders) never to repeat. */
export function createNameMaker(random: Random, reserved: Iterable<string>): () => string {
  const used = new Set(reserved)
  return () => {
    for (;;) {
      const given = random.chance(0.7) ? random.pick(GIVEN_CHARS) + random.pick(GIVEN_CHARS) : random.pick(GIVEN_CHARS)
      const name = random.pick(SURNAMES) + given
      if (given.length === 2 && given[0] === given[1]) continue
      if (!used.has(name)) {
        used.add(name)
        return name
      }
    }
  }
}
