#include "bench/corpus_text.h"

#include <cstdio>

namespace bench {
namespace {

using Bank = std::vector<std::string>;

const Bank kTopics = {
    "春季农业生产", "森林防火", "安全生产大检查", "城乡环境综合整治", "义务教育优质均衡发展",
    "农村饮水安全", "高标准农田建设", "优化营商环境", "防汛抗旱", "稳就业保民生",
    "医疗保障服务", "农村公路建设", "城镇老旧小区改造", "食品安全监管", "消防安全专项整治",
    "全国文明城市创建", "河湖长制", "耕地保护", "数字政府建设", "居家养老服务",
    "乡村振兴示范村建设", "生活垃圾分类", "大气污染防治", "农产品质量安全", "招商引资",
    "重点项目建设", "政务服务“一网通办”", "道路交通安全", "地质灾害防治", "冬春农田水利建设",
    "困难群众救助", "托育服务体系建设", "全民健身", "非物质文化遗产保护", "林长制",
    "农村集体产权制度改革", "工程建设项目审批制度改革", "社会信用体系建设", "普法宣传教育", "人口监测",
};

const Bank kDepts = {
    "县发展和改革局", "县教育局", "县科学技术局", "县工业和信息化局", "县民政局", "县司法局",
    "县财政局", "县人力资源和社会保障局", "县自然资源局", "县生态环境局", "县住房和城乡建设局",
    "县交通运输局", "县水利局", "县农业农村局", "县商务局", "县文化广电体育和旅游局",
    "县卫生健康局", "县应急管理局", "县审计局", "县市场监督管理局", "县统计局", "县医疗保障局",
    "县林业局", "县乡村振兴局", "县政务服务和大数据管理局", "县城市管理综合执法局",
};

const Bank kTowns = {
    "青禾镇", "石门乡", "河西镇", "龙泉乡", "白沙镇", "东山乡", "新桥镇", "柳塘乡",
    "桂花镇", "三江口镇", "高田乡", "马岭镇", "大坪乡", "长滩镇", "金竹乡", "平安镇",
};

const Bank kSubjects = {
    "综合政务", "农业、林业、水利", "国土资源、能源", "城乡建设、环境保护", "财政、金融、审计",
    "劳动、人事、监察", "卫生、体育", "教育", "交通", "商贸、海关、旅游", "民政、扶贫、救灾",
    "市场监管、安全生产监管", "科技", "文化、广电、新闻出版",
};

const Bank kSentences = {
    "各乡镇、各部门要充分认识做好{T}工作的重要意义，切实增强责任感和紧迫感，把各项任务落到实处。",
    "{D}牵头建立工作协调机制，定期召开联席会议，研究解决{T}工作中遇到的困难和问题。",
    "截至{m}月底，全县累计完成{T}项目{n}个，完成投资{a}亿元，同比增长{p}%。",
    "{Z}结合本地实际，制定了{T}工作任务清单，明确责任单位和完成时限，实行挂图作战、销号管理。",
    "会议指出，{Y}年以来，全县上下认真贯彻落实上级决策部署，{T}工作取得了阶段性成效。",
    "会议强调，要坚持问题导向和目标导向，聚焦群众急难愁盼问题，推动{T}工作提质增效。",
    "{D}组织工作人员深入{Z}各村（社区），采取入户走访、发放宣传资料等方式开展政策宣传，共发放资料{N}份。",
    "调研中，县领导一行先后来到{Z}项目现场和村级服务站，详细了解{T}推进情况，听取基层意见建议。",
    "下一步，{D}将进一步完善工作机制，加强督促指导，确保{T}各项目标任务按期完成。",
    "各责任单位要于每月{d}日前将工作进展情况报送{D}，由其汇总后报县人民政府办公室。",
    "对工作推进不力、进度滞后的单位，县人民政府督查室将予以通报，并约谈有关负责人。",
    "今年以来，全县共受理群众咨询{N}件次，办结率达到{p}%，群众满意度持续提升。",
    "{Z}投入资金{a}万元，完成{n}个自然村的基础设施改造提升，惠及群众{N}余户。",
    "{D}会同有关部门开展联合检查{n}次，检查经营主体{N}家，督促整改问题隐患{n}处。",
    "全县{n}个乡镇全部建立了{T}工作台账，做到底数清、情况明、责任实。",
    "活动现场，工作人员耐心解答群众提出的问题，并现场办理相关业务{n}件。",
    "据统计，{Y}年{m}月全县规模以上工业增加值同比增长{p}%，固定资产投资同比增长{p}%。",
    "要加强宣传引导，充分利用政府网站、政务新媒体等渠道，及时发布权威信息，回应社会关切。",
    "各乡镇人民政府是本辖区{T}工作的责任主体，主要负责同志是第一责任人，要亲自部署、亲自过问。",
    "县财政安排专项资金{a}万元，重点支持{T}相关基础设施建设和公共服务能力提升。",
    "为进一步做好{T}工作，经县人民政府同意，现就有关事项通知如下。",
    "本通知自印发之日起施行，有效期{n}年。此前有关规定与本通知不一致的，以本通知为准。",
    "{D}将会同有关部门加强对政策执行情况的跟踪评估，及时总结推广好的经验做法。",
    "请各单位高度重视，精心组织，周密部署，确保各项工作措施落到实处、取得实效。",
    "群众如有疑问，可在工作日拨打{D}咨询电话0771-555{q}进行咨询。",
    "经过{n}个月的集中攻坚，{Z}{T}工作由过去的后进变为先进，得到上级部门充分肯定。",
    "座谈会上，{n}名基层代表结合工作实际踊跃发言，就做好{T}工作提出了意见建议。",
    "全县共设置便民服务点{n}个，配备专兼职工作人员{N}名，实现乡镇全覆盖。",
    "{D}按照“双随机、一公开”要求，对辖区内重点单位开展抽查，抽查结果已向社会公开。",
    "通过培训，参训人员进一步熟悉了{T}的政策要求和工作流程，提升了业务能力。",
    "要严格落实值班值守制度，保持通信畅通，遇有突发情况及时按程序报告并妥善处置。",
    "本年度计划新建改建项目{n}个，总投资{a}亿元，其中当年计划完成投资{a}亿元。",
    "下阶段，全县将以更大力度推进{T}，持续巩固拓展工作成果，为县域经济社会高质量发展提供有力支撑。",
    "{Z}党委、政府把{T}作为为民办实事的重要内容，列入年度重点工作，定期研究部署。",
    "{D}主要负责同志带队赴{Z}开展专题调研，实地查看项目建设情况，协调解决用地、资金等问题。",
    "全县已累计培训基层工作人员{N}人次，发放补助资金{a}万元，受益群众{N}人。",
};

const Bank kHeadings = {
    "总体要求", "目标任务", "重点工作", "保障措施", "工作步骤", "职责分工", "组织领导",
    "工作要求", "主要做法", "取得成效", "存在问题", "下一步工作打算", "实施范围", "资金安排",
    "监督管理", "宣传引导", "考核评估", "申报条件", "办理流程", "政策依据",
};

const Bank kListLeads = {
    "压实工作责任", "强化统筹协调", "加大资金投入", "加强督查考核", "做好宣传引导", "优化服务流程",
    "强化要素保障", "完善工作机制", "加强队伍建设", "严格监督执纪", "抓好示范带动", "健全长效机制",
};

const Bank kCn = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

const Bank kLinks = {
    "[中国政府网](https://www.gov.cn/zhengce/)", "[国家统计局](https://www.stats.gov.cn/sj/)",
    "[财政部](https://www.mof.gov.cn/zhengwuxinxi/)", "[国务院客户端](https://www.gov.cn/home/)",
    "[水利部](https://www.mwr.gov.cn/)", "[农业农村部](https://www.moa.gov.cn/)",
    "[国家政务服务平台](https://gjzwfw.www.gov.cn/)", "[应急管理部](https://www.mem.gov.cn/)",
};

const Bank kNewsTitles = {
    "{D}召开{T}工作推进会", "{Z}扎实推进{T}工作", "县领导赴{Z}调研{T}工作", "{D}开展{T}专题培训",
    "全县{T}工作会议召开", "{Z}{T}工作取得新进展", "{D}部署{Y}年{T}重点任务", "我县召开{T}工作调度会",
};

const Bank kNoticeTitles = {
    "关于做好{Y}年{T}工作的通知", "关于开展{T}专项行动的通知", "{D}关于{T}有关事项的公告",
    "关于进一步加强{T}工作的通知", "关于{Y}年{T}工作检查情况的通报", "{D}关于征求{T}意见建议的公告",
};

const Bank kPolicyTitles = {
    "青禾县人民政府办公室关于印发青禾县{T}实施方案的通知", "青禾县人民政府关于进一步加强{T}工作的意见",
    "{D}关于印发{Y}年{T}工作要点的通知", "青禾县人民政府办公室关于印发青禾县{T}管理办法的通知",
};

const Bank kReadTitles = {
    "《青禾县{T}实施方案》政策解读", "一图读懂青禾县{T}工作要点", "《关于进一步加强{T}工作的意见》解读",
    "{D}负责同志解读{T}有关政策",
};

const Bank kBannedBase = {
    "裸聊", "色情直播", "无码视频", "成人影片", "援交", "一夜情服务", "网络赌场", "百家乐",
    "网上博彩", "私彩", "赌球", "老虎机", "六合彩|打击六合彩|非法六合彩", "口交|路口交通|入口交通|出口交通",
    "冰毒", "摇头丸", "麻古", "K粉", "迷幻药", "枪支弹药出售", "仿真枪出售", "管制刀具出售",
    "炸药配方", "雷管出售", "代开发票", "假发票", "办理假证", "假文凭", "假学历", "刷单返利",
    "套现", "洗钱通道", "黑客攻击服务", "改号软件", "窃听器", "针孔摄像", "高利贷", "裸贷",
    "校园贷|整治校园贷|防范校园贷", "传销|打击传销|防范传销", "邪教|反邪教|防范邪教", "翻墙软件",
};
const Bank kBannedVerbs = {"出售", "代办", "收购", "批发", "定制", "代理", "兜售", "网购"};
const Bank kBannedObjects = {
    "假身份证", "假驾照", "假护照", "假车牌", "假公章", "银行卡信息", "公民个人信息", "手机卡实名",
    "窃听设备", "迷药", "听话水", "催情药", "毒品原料", "气枪", "钢珠枪", "弓弩", "电击器", "赌博机",
    "外挂软件", "私服", "考试答案", "作弊器材", "假币", "野生动物制品", "象牙制品", "穿山甲鳞片",
    "虎骨", "熊胆粉", "非法出版物", "盗版光盘", "色情光盘", "涉黄视频", "博彩账号", "赌博网站账号",
    "资金盘", "虚拟币传销", "黑彩", "地下钱庄", "私募骗局", "理财骗局",
};

std::string two(int v) {
  char b[8];
  std::snprintf(b, sizeof b, "%02d", v);
  return b;
}

}  // namespace

const std::vector<SectionSpec>& sections() {
  static const std::vector<SectionSpec> kSections = {
      {"zwdt", "政务动态", "list", 1, 26, "发布县人民政府及各乡镇、各部门重要政务活动和工作动态。"},
      {"tzgg", "通知公告", "list", 2, 16, "发布县人民政府及各部门的通知、公告、通报。"},
      {"xxgk", "政府信息公开", "xxgk", 3, 14, "按照《中华人民共和国政府信息公开条例》主动公开的政府信息。"},
      {"zcjd", "政策解读", "list", 4, 10, "对县人民政府及各部门出台的政策文件进行解读。"},
      {"bmdt", "部门动态", "list", 5, 12, "县直各部门工作动态。"},
      {"xzdt", "乡镇动态", "list", 6, 12, "各乡镇工作动态。"},
      {"zcwj", "政策文件", "xxgk", 7, 6, "县人民政府及县人民政府办公室印发的规范性文件和其他政策文件。"},
      {"hygq", "回应关切", "list", 8, 4, "对社会关注热点和群众关切问题的回应。"},
  };
  return kSections;
}

const std::string& TextGenerator::pick(const Bank& bank) {
  return bank[std::uniform_int_distribution<size_t>(0, bank.size() - 1)(rng_)];
}

std::string TextGenerator::fill(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() + 64);
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{' || i + 2 >= pattern.size() || pattern[i + 2] != '}') {
      out += pattern[i];
      continue;
    }
    const char slot = pattern[i + 1];
    i += 2;
    switch (slot) {
      case 'T': out += topic_; break;
      case 'D': out += dept_; break;
      case 'Z': out += town_; break;
      case 'Y': out += std::to_string(year_); break;
      case 'n': out += std::to_string(uniform(2, 60)); break;
      case 'N': out += std::to_string(uniform(120, 9800)); break;
      case 'm': out += std::to_string(uniform(1, 12)); break;
      case 'd': out += std::to_string(uniform(1, 28)); break;
      case 'q': out += std::to_string(uniform(100, 999)); break;  // phone: 0771-555xxx, 10 digits
      case 'p': out += std::to_string(uniform(1, 35)) + "." + std::to_string(uniform(0, 9)); break;
      case 'a': out += std::to_string(uniform(1, 98)) + "." + two(uniform(0, 99)); break;
      default: out += pattern.substr(i - 2, 3);
    }
  }
  return out;
}

std::string TextGenerator::sentence() { return fill(pick(kSentences)); }

std::string TextGenerator::paragraph(int sentences) {
  std::string p;
  for (int i = 0; i < sentences; ++i) p += sentence();
  return p + "\n\n";
}

std::string TextGenerator::heading_phrase() { return pick(kHeadings); }

std::string TextGenerator::link_sentence() {
  return "有关政策原文和解读材料可登录" + pick(kLinks) + "查阅。\n\n";
}

std::string TextGenerator::list(bool ordered) {
  std::string out;
  const int items = uniform(3, 6);
  for (int i = 0; i < items; ++i) {
    out += ordered ? std::to_string(i + 1) + ". " : "- ";
    if (ordered) out += "**" + pick(kListLeads) + "。** ";
    out += sentence() + "\n";
  }
  return out + "\n";
}

std::string TextGenerator::table() {
  std::string out = "| 序号 | 工作任务 | 责任单位 | 完成时限 |\n| --- | --- | --- | --- |\n";
  const int rows = uniform(3, 8);
  for (int i = 0; i < rows; ++i) {
    out += "| " + std::to_string(i + 1) + " | " + pick(kListLeads) + " | " + pick(kDepts) + " | " +
           std::to_string(year_) + "年" + std::to_string(uniform(3, 12)) + "月底前 |\n";
  }
  return out + "\n";
}

PageText TextGenerator::page(int index, int section, int year) {
  year_ = year;
  topic_ = pick(kTopics);
  dept_ = pick(kDepts);
  town_ = pick(kTowns);
  const SectionSpec& spec = sections()[section];
  PageText p;
  p.section = section;
  char slug[32];
  std::snprintf(slug, sizeof slug, "%d-%06d", year, index);
  p.slug = slug;

  // Body length: mostly short news items, a tail of long documents (mean about 1.6 KB of
  // Markdown, so with front matter a page averages about 1.9 KB).
  const int roll = uniform(0, 99);
  const size_t target = roll < 40 ? uniform(450, 950) : roll < 85 ? uniform(950, 2000) : uniform(2000, 4000);

  std::string& b = p.body;
  const std::string& id = spec.id;
  if (id == "zwdt" || id == "bmdt" || id == "xzdt" || id == "hygq") {
    p.title = fill(pick(kNewsTitles));
    p.source = id == "xzdt" ? town_ + "人民政府" : dept_;
    b += paragraph(uniform(2, 4));
    while (b.size() < target) {
      const int kind = uniform(0, 9);
      if (kind == 0) b += list(false);
      else if (kind == 1) b += link_sentence();
      else if (kind == 2) b += "**" + heading_phrase() + "**\n\n" + paragraph(uniform(1, 3));
      else b += paragraph(uniform(2, 5));
    }
  } else if (id == "tzgg") {
    p.title = fill(pick(kNoticeTitles));
    p.source = dept_;
    b += "各乡镇人民政府，县直各有关单位：\n\n" + paragraph(uniform(1, 3));
    for (int h = 0; b.size() < target && h < 10; ++h) {
      b += "## " + kCn[h] + "、" + heading_phrase() + "\n\n";
      const int kind = uniform(0, 5);
      if (kind == 0) b += list(true);
      else if (kind == 1) b += table();
      else b += paragraph(uniform(2, 4));
    }
    b += dept_ + "\n\n" + std::to_string(year) + "年" + std::to_string(uniform(1, 12)) + "月" +
         std::to_string(uniform(1, 28)) + "日\n";
  } else if (spec.kind == "xxgk") {
    p.title = fill(pick(kPolicyTitles));
    p.source = "青禾县人民政府办公室";
    const int month = uniform(1, 12), day = uniform(1, 28);
    p.disclosure = {
        "index_no: QHXZF-" + std::to_string(year) + "-" + std::to_string(10000 + index),
        "issuer: 青禾县人民政府办公室",
        "doc_no: 青政办发〔" + std::to_string(year) + "〕" + std::to_string(index % 300 + 1) + "号",
        "written: " + std::to_string(year) + "-" + two(month) + "-" + two(day),
        "subject: " + pick(kSubjects),
        std::string("validity: ") + (uniform(0, 19) == 0 ? "失效" : "有效"),
    };
    recent_xxgk_.push_back("content/" + id + "/" + p.slug + ".md");
    if (recent_xxgk_.size() > 32) recent_xxgk_.erase(recent_xxgk_.begin());
    b += "各乡镇人民政府，县直各有关单位：\n\n《青禾县" + topic_ + "实施方案》已经县人民政府同意，现印发给你们，请结合实际认真组织实施。\n\n";
    b += "青禾县人民政府办公室\n\n" + std::to_string(year) + "年" + std::to_string(month) + "月" +
         std::to_string(day) + "日\n\n";
    b += "## 青禾县" + topic_ + "实施方案\n\n" + paragraph(uniform(1, 2));
    for (int h = 0; b.size() < target && h < 10; ++h) {
      b += "### " + kCn[h] + "、" + heading_phrase() + "\n\n";
      const int kind = uniform(0, 6);
      if (kind <= 1) b += list(true);
      else if (kind == 2) b += table();
      else if (kind == 3) b += paragraph(uniform(1, 2)) + list(false);
      else b += paragraph(uniform(2, 4));
    }
  } else {  // zcjd
    p.title = fill(pick(kReadTitles));
    p.source = dept_;
    if (!recent_xxgk_.empty() && uniform(0, 2) == 0) p.related = recent_xxgk_[uniform(0, recent_xxgk_.size() - 1)];
    for (int h = 0; b.size() < target && h < 10; ++h) {
      b += "## " + kCn[h] + "、" + heading_phrase() + "\n\n";
      const int kind = uniform(0, 5);
      if (kind == 0) b += "**问：" + topic_ + "有哪些支持政策？**\n\n答：" + paragraph(uniform(1, 3));
      else if (kind == 1) b += list(true);
      else if (kind == 2) b += paragraph(1) + link_sentence();
      else b += paragraph(uniform(2, 4));
    }
  }
  return p;
}

std::vector<std::string> banned_entries() {
  std::vector<std::string> out = kBannedBase;
  for (const auto& verb : kBannedVerbs)
    for (const auto& object : kBannedObjects) out.push_back(verb + object);
  return out;
}

}  // namespace bench
