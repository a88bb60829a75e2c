"""Words naming events and the acts that show an event took place.

Properties of the language and of the genre (Simplified script), never of one article.
"""

from __future__ import annotations

# Kinds of event, as reported: each kind with the words that name it. The kind is the
# first one the headline or lead names; an event noun outside this table gives 其他.
MEETING_KINDS = {
    "座谈会": ("座谈会", "恳谈会"),
    "交流会": ("交流会", "交流座谈", "交流活动"),
    "碰头会": ("碰头会",),
    "签约仪式": ("签约仪式", "签字仪式", "签署仪式", "集中签约", "签约"),
    "考察": ("考察", "参访"),
    "调研": ("调研",),
    "走访": ("走访",),
    "拜访": ("拜访", "礼访", "拜会"),
    "会见": ("会见", "接见"),
    "成立大会": ("成立大会", "成立仪式", "揭牌仪式"),
    "换届大会": ("换届大会", "换届选举大会"),
    "会员大会": ("会员代表大会", "会员大会"),
    "理事会": ("理事会议", "理事会", "理监事会"),
    "年会": ("年会",),
    "推介会": ("推介会",),
    "对接会": ("对接会", "洽谈会"),
    "推进会": ("推进会",),
    "联席会议": ("联席会议", "联席会"),
    "会长会议": ("会长会议", "会长办公会"),
    "论坛": ("论坛", "峰会"),
    "研讨会": ("研讨会",),
    "宴请": ("宴请", "款宴", "晚宴"),
    "团拜会": ("团拜会", "茶话会", "联谊会"),
}
# Nouns that name a meeting (X座谈会): an organization right before one names the event.
MEETING_NOUNS = (
    "座谈会", "交流会", "碰头会", "推介会", "对接会", "洽谈会", "恳谈会", "联谊会", "说明会", "研讨会",
    "工作会", "联席会", "大会", "年会", "论坛", "峰会",
)
# Nouns that name any event, meetings included.
EVENT_NOUNS = MEETING_NOUNS + ("会议", "仪式", "典礼", "活动")
# Another kind of meeting than the named kinds (reported as 其他).
OTHER_MEETING_WORDS = "|".join(EVENT_NOUNS + ("理事会",))
# Acts that happen at an event: a sentence with one reports an event.
EVENT_VERBS = (
    "出席", "参加", "参会", "召开", "举办", "举行", "主持", "座谈", "考察", "调研", "拜访", "走访", "莅临",
    "签约", "签署", "会见", "接待", "与会",
    # 会议, but not the noun in 会议室, 会议筹备 or a body's name (行政会议成员)
    "会议(?!室|区|厅|中心|物资|筹备|成员|主席|秘书|纪要|精神)", "致辞", "致词", "讲话", "发言", "到访", "来访", "礼访",
    "访问", "款宴", "宴请", "拜会", "接见", "会晤",
)
EVENT_WORDS = "|".join(EVENT_VERBS)
# Words before an event verb that put the event in the future or call it off (将于…召开).
NOT_YET = r"(?:将于|定于|拟于|拟定于|计划于|将在|即将|拟|将|关于|请|敬请|届时|欢迎|计划|筹备|准备|每年|都会|也会|将会)[^，,。；;]{0,30}?$"
# Words that put what a sentence reports before the event (去年…签署): another occasion.
EARLIER_WORDS = ("去年", "前年", "此前", "以往", "过去", "多年来", "近年来", "曾经", "上届", "上一届", "历年")
# Words that put an event in the future for certain (将于…举行), unlike 将 or 关于 alone.
ANNOUNCED = r"(?:将于|定于|拟于|拟定于|计划于|将在|即将)[^，,。；;]{0,30}?$"
# Words after an event word that make it a kind of activity in general (通过座谈会等形式).
GENERAL_USE = r"^[^，,。；;]{0,12}?等(?:形式|方式|渠道|载体|途径|活动)"
# Words after an event word that make it a description of a place (…是举办论坛的地方).
VENUE_OF = r"^[^，,。；;]{0,24}?的(?:地方|场所|场地|会场|场馆)"
# Marks that an announced event did happen (召开了, 已举行, 圆满结束).
DONE_MARKS = r"(?:了(?!解)|已经|已|圆满结束|圆满落幕|落下帷幕|闭幕|顺利召开|顺利举行)"
# Words that make a text a notice or an announcement, not the report of an event.
NOTICE_WORDS = (
    "通知", "公告", "启事", "告知书", "邀请函", "报名", "敬请", "届时", "取消", "延期", "推迟", "暂停",
    "停办", "注销", "解散", "终止", "撤销", "迁址", "搬迁",
    # a speech text prepared for delivery is not the report of the event
    "致辞稿", "致词稿", "讲话稿", "发言稿", "预拟",
)
# Words in a sentence that show an organization named in it taking part.
PARTICIPATION_WORDS = (
    "一行", "代表", "陪同", "交流", "合作", "签订", "协议", "主办", "承办", "协办", "联合", "共同", "率", "带队",
    "莅临", "参观", "调研", "考察", "接洽", "洽谈", "对接", "座谈", "出席", "参加", "会议", "大会", "举行",
    "会上", "负责同志", "负责人",
)
