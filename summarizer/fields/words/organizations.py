"""Words for finding organizations: suffixes, boundaries, generic and fragment words, venues.

Properties of the language and of the genre (Simplified script), never of one article.
"""

from __future__ import annotations

ORG_SUFFIXES = (
    "工商业联合会", "联合会", "工商联", "总商会", "商会", "协会", "促进会", "同乡会", "研究会",
    "基金会", "委员会", "联盟", "商协会", "办事处", "管委会", "党工委", "区委", "市委", "县委",
    "省委", "政府", "统战部", "宣传部", "组织部", "局", "厅", "署", "办公室", "中心", "研究院",
    "研究所", "学院", "大学", "集团", "有限公司", "股份公司", "公司", "银行", "医院", "街道",
    "协进会", "总会", "学会", "共同体", "俱乐部", "委", "妇女联合会", "妇联", "人大常委会", "政协",
    "海关", "律师事务所", "事务所", "合作社", "同业公会", "公会", "贸促会", "侨联", "台联", "工会", "团委",
    "青联", "科协", "文联", "中央", "公署", "联谊会", "之友会", "立法院", "国务院", "法院", "检察院", "科学院",
    "设计院", "支行", "分行", "分公司", "分会",
)

# Characters that stop an organization name when extending it to the left.
ORG_LEFT_STOPS = set("，。、；：“”‘’「」『』《》（）()【】[]！？!?,;: \n的与和及由在赴向对把将被从是了为到至于以并或等就率跟")

ORG_GENERIC_HEADS = ("友好", "各", "相关", "其他", "其它", "该", "本", "兄弟", "有关", "多家", "全市", "全区", "各级")

# Words that make a name a class of bodies wherever they stand in it (上海市基层商会,
# 区县工商联, 粤港澳主要商会, 学习型商会): a kind, not one organization.
ORG_CLASS_WORDS = (
    "基层", "兄弟", "各类", "各地", "主要", "重点", "新一届", "学习型", "区县", "市县", "县区", "省市", "两地", "三地",
    "异地", "家乡", "相关", "有关", "上述", "这些", "部分", "个别",
)

# A party committee and its government named together (市委市政府, 省委省政府, 党委政府)
# stand for a place's leadership, not for one body taking part.
LEADERSHIP_PAIR = r"(?:委|党委)[和、]?[省市区县]?政府$"

# Words that end in 局 or 委 without being organizations.
ORG_FALSE_ENDINGS = {
    "部委", "布局", "格局", "新局", "大局", "全局", "结局", "开局", "时局", "当局", "残局", "出局", "签署", "部署",
    "展厅", "大厅", "餐厅", "客厅", "会议厅", "展馆",
}

# Bodies whose name often runs on into one of their own departments (街道党工委, 工商联商协会…).
PARENT_BODY_SUFFIXES = ("工商联", "街道", "政府", "办事处")

# Words that show a run of text is a sentence fragment, not an organization's name.
ORG_FRAGMENT_WORDS = (
    "建议", "期待", "借助", "推动", "推进", "发挥", "表彰", "离不开", "通过", "实现", "提出", "回顾", "建立",
    "建设", "签署", "准予", "委托", "形成", "报送", "交办", "出资", "资助", "传承", "发起", "邀请",
    "开展", "加强", "推广", "没有", "过去", "近年来", "期间", "年来", "必要时", "支持", "组织", "上台", "联合",
    "共建", "多个", "筹办", "时期", "形势",
)

# Verbs that end a clause inside a run of text before a suffix (宣读, 出席): the name
# starts after them.
CLAUSE_VERBS = (
    "出席", "参加", "宣读", "祝贺", "交给", "落实", "助力", "主持", "讲话", "致辞", "表示", "指出", "强调",
    "会见", "接见", "看望", "慰问", "见证", "颁发", "授予", "做",
)
# Government departments whose names hold 和, which otherwise ends a name's left edge.
NAMES_WITH_AND = (
    "人力资源和社会保障", "住房和城乡建设", "工业和信息化", "文化和旅游", "自然资源和规划", "发展和改革",
    "科学技术和", "农业和农村", "商务和投资", "交通运输和",
)
# Words that make an organization name generic when nothing specific is left beside them.
ORG_GENERIC_WORDS = (
    "行业", "各级", "各家", "各", "全市", "全省", "全区", "异地", "基层", "县级", "市级", "区级", "省级", "两地",
    "两家", "地区", "多", "其中", "其", "部分", "个别", "新时代", "当地", "优秀", "直属", "所属", "经济类", "相关",
    "有关", "兄弟", "每一个", "民主党派", "区县", "片区内", "会员", "乡镇", "这些", "上述", "该",
)

# Places where a meeting is held: locations, not participating organizations.
VENUE_SUFFIXES = ("会议中心", "展示中心", "会展中心", "商务中心", "活动中心", "行政中心", "展览中心", "文化中心", "大酒店", "酒店", "宾馆", "礼堂", "会堂", "会议室", "报告厅", "广场")
# Advisory and party bodies that usually appear as part of an official's title (市政协副主席).
TITLE_ONLY_BODIES = (
    "政协", "人大常委会", "人大", "政治局", "党委", "党工委", "党组", "区委", "市委", "县委", "省委", "政府",
    "统战部", "宣传部", "组织部", "街道", "中共中央",
)
# Words after 中心 that make it the adjective "central" (中心工作, 中心城市), not a body.
CENTRAL_WORDS = ("工作", "任务", "城市", "环节", "地位", "位置", "议题")
# The legal form after a company's name, which later references leave out.
COMPANY_FORMS = r"(?:集团)?(?:股份)?(?:有限)?(?:责任)?公司|集团"
# Full forms of government bodies and their usual short forms (市发展改革委 for
# 市发展和改革委员会): names compare equal once written short.
SHORT_FORMS = (
    ("发展和改革委员会", "发改委"), ("发展改革委员会", "发改委"), ("发展改革委", "发改委"),
    ("工业和信息化局", "工信局"), ("工业和信息化厅", "工信厅"), ("工业和信息化部", "工信部"),
    ("人力资源和社会保障局", "人社局"), ("人力资源和社会保障厅", "人社厅"),
    ("住房和城乡建设局", "住建局"), ("住房和城乡建设厅", "住建厅"), ("市场监督管理局", "市场监管局"),
    ("管理委员会", "管委会"), ("金融工作办公室", "金融办"), ("人民政府", "政府"), ("工商业联合会", "工商联"),
    ("商务委员会", "商务委"), ("经济和信息化委员会", "经信委"), ("文化和旅游局", "文旅局"),
)
