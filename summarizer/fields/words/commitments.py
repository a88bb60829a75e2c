"""Cue patterns of commitments, by the strength they suggest.

Properties of the language and of the genre (Simplified script), never of one article.
"""

from __future__ import annotations

# Patterns that mark a sentence as a possible commitment, with the strength they suggest.
# Regular expressions over Simplified text; noun uses (工作计划, 意见建议, 有意义) are excluded.
COMMITMENT_CUES = {
    "agreed": (
        r"签署(?!之后|以来|后)|签订|(?<!集中)(?<!见证)签约(?!仪式|环节|项目|活动)|达成[^，,。；;]{0,12}(?:共识|协议)|(?<!不)(?<!关于)同意|合作协议|框架协议|备忘录|结对(?!子)"
        r"|(?:会议|大会|会上|常委会|理事会|双方)[^，,。；;]{0,4}决定",
    ),
    "proposed": (
        r"(?<![意见的点条出和与及])建议(?!书|稿)|提议(?!下)|倡议|呼吁|希望(?=各|大家|行业|企业|全体|广大|政府|部门|你们|商协会|协会|商会|工商联)|[一二三四五六]是要"
        # the modal 要 before a verb phrase (要加快…, 商会要发挥…), not 需要/重要/主要/要求/要素…
        r"|(?<![需重主只想不必纪摘概提简首紧])要(?![求素点闻是么害务员领紧件的])(?=[\u4e00-\u9fff]{2})"
        r"|要求(?=各|大家|全体|广大|企业|商会|协会|会员|与会)|提出[^，,。]{0,6}要求|务必|必须(?![的])"
        r"|邀请(?=[^，,。；;]{0,12}(?:赴|前往|到|来))|欢迎(?=[^，,。；;]{0,12}(?:多来|常来|再来|前来|来[^宾访]|到[^访]|前往|参加|参与|投资))"
        r"|应该|应当|倡导",
    ),
    "planned": (
        r"承诺|允诺|答应|(?<![能可并以地是也即必动举这])将(?!近|军|是|会是|成为|起)|下一步|接下来|今后|(?:下阶段|下一阶段)(?!工作计划|工作安排|工作要点)|(?<![有作划人才研究行动五年])计划(?=[在于将今明到要再新投建开推])|拟(?=[在于将定对])|即将(?!到来)|力争|争取(?=[在于到将把让使实]|明年|今年)",
    ),
    "intended": (
        r"(?<![点条切的])希望|期待|期望|期盼|期许|愿意|愿与|愿同|愿为|合作意向|达成意向|意向(?=合作|协议)|意愿|有意(?=[在于与向到])",
    ),
}

# Words that open one of several listed points inside a sentence (一是…，二是…).
POINT_MARKERS = r"[一二三四五六七八九十]是|[一二三四五六七八九十]要|首先|其次|再次|最后|第[一二三四五六七八九十][，,、]"
# A clause opening with this word is a point of its own when a sentence has two or more (要…，要…).
REPEATED_POINT = r"(?:^|(?<=[，,：:]))(?:要|将)(?!求|是|近)"
# When a commitment is to be done.
TIMEFRAMES = r"下一步|下阶段|下一阶段|接下来|今后|未来|近期|年内|年底前|\d{4}年(?:底|内)?"
# A cue inside the topic of a reported discussion (围绕今后合作进行了交流) commits no one.
DISCUSSION_TOPIC = r"(?:就|围绕|关于)[^。；;]*?(?:{cue})[^。；;]*?(?:进行|开展|展开)了?(?:深入|广泛|充分)?(?:交流|探讨|讨论|座谈|研讨)"
