"""Words for finding people: surnames, titles, cues around a name, absence.

Properties of the language and of the genre (Simplified script), never of one article.
"""

from __future__ import annotations

from summarizer.fields.words.speech import SPEECH_VERBS, SPEECH_VERBS_AMBIGUOUS

# The most common single-character surnames (well over 95% of the population).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥"
    "南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支"
    "卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印"
    "逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    "阎萧贝钮濮郦蓟洪赖"
    # less common surnames of the Hundred Family Surnames (百家姓) and modern usage
    "习仉笪禤郗庹蹇竺佴谯缑厍訾逄殳璩郤莘宓隗邴糜钭暨酆贲荀芮羿汲桓蒯宇"
)

COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "夏侯", "轩辕", "令狐", "钟离", "端木", "申屠", "南宫", "西门", "独孤", "澹台",
)

# The most common Japanese surnames (Simplified forms), with given names of up to three characters.
JAPANESE_SURNAMES = (
    "佐藤", "铃木", "高桥", "田中", "伊藤", "渡边", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐佐木",
    "山口", "松本", "井上", "木村", "清水", "山崎", "森田", "池田", "桥本", "阿部", "石川", "山下", "中岛",
    "石井", "小川", "前田", "冈田", "长谷川", "藤田", "后藤", "近藤", "村上", "远藤", "青木", "坂本", "斋藤",
    "福田", "太田", "西村", "藤井", "冈本", "松田", "中川", "中野", "原田", "小野", "田村", "竹内", "金子",
    "和田", "中山", "石田", "上田", "森", "柴田", "酒井", "工藤", "横山", "宫崎", "宫本", "内田", "高木",
    "安藤", "岛田", "谷口", "大野", "丸山", "今井", "河野", "藤原", "三浦", "松井", "野口", "菅", "岸田",
)
# Titles, longest first when matched. A title may be preceded by 副/常务/执行 etc.
TITLES = (
    "常务副会长", "执行会长", "名誉会长", "创会会长", "荣誉会长", "监事会主席", "监事长",
    "副会长", "会长", "副秘书长", "秘书长", "副理事长", "理事长", "常务理事", "理事", "监事",
    "副主席", "主席", "党组书记", "党委书记", "党工委书记", "副书记", "书记", "副部长", "部长",
    "副局长", "局长", "副区长", "区长", "副市长", "市长", "副县长", "县长", "副镇长", "镇长",
    "副省长", "省长", "副主任", "主任", "副处长", "处长", "副科长", "科长", "副所长", "所长",
    "副院长", "院长", "副校长", "校长", "副董事长", "董事长", "董事", "副总经理", "总经理",
    "副总裁", "总裁", "经理", "厂长", "二级调研员", "一级调研员", "调研员", "巡视员", "委员",
    "常委", "执委", "总召集人", "召集人", "主委", "署长", "行长", "社长", "总监", "创始人",
    "合伙人", "负责人", "教授", "研究员", "总工程师", "总经济师", "团长", "组长", "领队",
    "党组成员", "成员", "主任委员", "大使", "领事", "总领事", "参赞", "议员", "特首", "司长",
    "副关长", "关长", "站长", "馆长", "台长", "庭长", "检察长", "会计师", "律师", "工程师", "主编",
    "领导", "嘉宾", "代表", "总会长", "副总理", "总理", "丹斯里拿督", "丹斯里", "拿督斯里", "拿督", "总书记", "党支部书记", "主任秘书", "董事局主席", "联席主席", "副总经济师",
    "副总工程师", "特派员", "主任科员", "科员", "乡贤", "首席代表", "总干事", "顾问", "秘书",
)

# Titles too general to show that the word next to them is a name.
WEAK_TITLES = ("代表", "成员", "嘉宾", "领导", "负责人", "委员")

# Words that, right after a name, show it is a person's name.
PERSON_CUES = SPEECH_VERBS + SPEECH_VERBS_AMBIGUOUS + (
    "出席", "参加", "参会", "率队", "率团", "带队", "一行", "同志", "先生", "女士", "等", "向", "对",
    "代表", "作", "就", "为", "与", "和", "会见", "接待", "陪同", "签署", "签约", "致欢迎辞", "透露",
    "分别", "一同", "共同", "也", "还", "则", "在", "详细", "首先", "随后", "连任", "当选",
    "围绕", "上台", "代为", "领奖", "发表", "作了", "宣布", "因", "曾", "专门", "以及",
    "先后", "所作", "莅临", "担任", "暨", "亲自", "现场",
)
# The cues that alone, without a title, show the word before them is a person's name.
STRONG_PERSON_CUES = SPEECH_VERBS + ("率队", "率团", "带队", "一行", "同志", "先生", "女士")
# Characters that never end a two-character given name (they start the next word).
NAME_STOP_CHARS = set("表指强介主致讲发认提建希说谈称出参率带一同先女等向对代作就为与和会接陪签宣回透告分共也还则在详首随连当是的了及以到都")

# One-character cues that need an object (作报告, 向…致辞): right before a delimiter they
# are a name's last character (组织部副主任甲章作，).
OBJECT_CUES = set("作为与和向对就在因代")
# Words after which a name comes before its title (由甲某会长主持, 偕同乙某副会长).
NAME_OPENERS = ("偕同", "会同", "携同", "陪同", "由", "和", "与", "及")

# Words of name shape (surname + one or two characters) that are common words.
NOT_NAMES = {
    "班子", "相关", "成员", "单位", "方面", "全体", "部分", "双方", "各方", "有关", "高度", "高新",
    "林业", "金融", "党组", "华人", "文化", "周边", "常务", "关于", "国际", "安全", "黄金", "龙头",
    "向前", "东方", "时间", "于是", "方式", "同时", "万家", "石化", "江山", "海外", "胡同", "宁静",
    "公司", "公开", "公共", "向大", "向各", "向与", "向全", "大家", "关于", "高质", "高端", "金额",
    "龙头", "黄金", "安排", "成功", "成为", "成果", "明确", "平台", "和谐", "全面", "时代", "应对",
    "成立", "成员", "万元",
    # trade words that follow a company's short name (某某家居科技董事长), never a given name
    "科技", "负责", "实业", "投资", "贸易", "物流", "置业", "控股", "传媒", "电子", "股份",
}

# A given name does not end in a character that ends place and organization names.
NOT_NAME_LAST_CHARS = set("区市县省镇乡村街委组部局会司厂院校所处科队团党间厅室署办协")
# Surnames that are also function words (和, 暨, 来 …): with a common word after them
# (和侨务, 暨行政, 来参加, 区政协) they are the function word, not a name.
FUNCTION_SURNAMES = set("和暨与及同区于向从在为由将对来")

# A one-character given name is not one of these title prefixes (由总召集人 is no name).
NOT_GIVEN_NAME_CHARS = set("总副常原前老各的了是在和与及以到等也都就")

# Words near a name that say the person did not take part. Some come before the name in
# its clause (会议传达了X的讲话), others after it (X因病请假; X生前提出).
ABSENCE_CUES_BEFORE = ("传达", "引用", "已故", "缅怀", "纪念", "当年")

# Words before a name in its clause that cite the person's words or instructions (学习贯彻
# 某某总书记重要讲话精神): a person named only so did not take part.
CITED_CUES_BEFORE = ("学习", "贯彻", "落实", "领会", "践行", "响应")
# Words right after a name that cite the person as the leadership (以某某同志为核心的党中央).
CITED_CUES_AFTER = ("同志为核心", "为核心")

ABSENCE_CUES_AFTER = (
    "未能出席", "未能到会", "未能参加", "未出席", "请假", "因故", "因病", "因公", "缺席", "发来贺信",
    "书面致辞", "逝世", "去世", "辞世", "生前", "曾说", "曾经说", "曾指出", "曾表示",
)
