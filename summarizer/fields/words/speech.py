"""Verbs that report speech: after a name they make it a speaker, before a clause they
make the speaker its actor.

Properties of the language and of the genre (Simplified script), never of one article.
"""

from __future__ import annotations

# After a word, these show it is a person's name (周平表示).
SPEECH_VERBS = (
    "表示", "指出", "强调", "介绍", "主持", "致辞", "讲话", "发言", "认为", "提议", "说", "谈到", "透露",
    "坦言", "寄语",
)
# Speech verbs that also follow things other than people (报告提出, 文件要求).
SPEECH_VERBS_AMBIGUOUS = ("提出", "建议", "希望", "称", "要求", "感谢", "呼吁", "总结", "宣读", "回应", "告诉", "提到")
SPEECH_RE = "|".join(sorted(SPEECH_VERBS + SPEECH_VERBS_AMBIGUOUS, key=len, reverse=True))
