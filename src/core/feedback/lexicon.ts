/**
 * The seeded synonym map: common operations vocabulary grouped into concepts, Chinese and English side by
 * side, so "快递太慢" and "shipping is slow" share a term. One line per concept:
 * `id[:weight][>parent] | 中文 词语 空格分隔 | english, terms, comma separated`.
 * Weight 1 is a topic (物流, 退款); generic attributes (慢, 钱, 评论) weigh less so they tie items only
 * together with something else. A parent adds a weak shared term between sibling concepts (卡顿 and 闪退
 * are both stability problems) without making them one.
 */
const SEED = [
  // e-commerce
  'delivery>logistics | 快递 物流 配送 包裹 发货 送货 到货 派送 快递员 运单 签收 揽收 寄件 收货 收到货 送到 送达 快件 物流信息 单号 顺丰 中通 圆通 韵达 申通 没到 未到 还没到 迟迟不到 没收到 没送到 不发货 骑手 外卖员 配送员 物流慢 快递慢 派件 丢件 快递丢了 送错 驿站 自提 上门 次日达 当日达 时效 中转 滞留 停滞 寄丢 快递柜 | delivery, deliver, delivered, delivering, shipping, ship, shipped, shipment, courier, package, parcel, tracking, tracking number, dispatch, dispatched, arrive, arrived, arrival, never arrived, not arrived, postage, fedex, dhl, carrier, rider, driver, in transit, never received, stuck in transit, lost package, lost parcel, left at the door, doorstep, porch, delivery date, eta, late delivery, still not here, warehouse',
  'refund>aftersales | 退款 退货 售后 退钱 退换 换货 退回 退单 退费 仅退款 退货退款 返还 退换货 七天无理由 不退款 没退 拒绝退款 驳回 申请退款 押金 退押金 | refund, refunds, refunded, refunding, return, returns, returned, returning, money back, reimburse, reimbursement, exchange, chargeback, return policy, refund request, denied my refund, return label, store credit',
  'service>aftersales | 客服 人工 在线客服 人工客服 客服电话 转人工 机器人客服 智能客服 售后服务 态度差 服务态度 不理人 不回复 没人回复 没人理 敷衍 打不通 没人接 回复慢 踢皮球 推诿 投诉无门 | customer service, customer support, agent, representative, helpdesk, help desk, live chat, hotline, chatbot, rude, unhelpful, no response, no reply, never replied, ignored, support team, call center, on hold, nobody answers, no one answers, chat support, waited hours',
  'price>money | 价格 贵 太贵 涨价 价钱 定价 性价比 便宜 降价 差价 价格高 原价 价位 售价 标价 溢价 收费高 不值 不值得 割韭菜 太坑 | price, prices, pricing, expensive, overpriced, pricey, cheap, cheaper, price increase, price hike, raised the price, cost too much, too expensive, affordable, not worth, worth it, value for money',
  'coupon>money | 优惠券 券 红包 满减 折扣 优惠 优惠码 代金券 返现 立减 折扣码 打折 券后 领券 用券 | coupon, coupons, voucher, vouchers, discount, discounts, promo, promo code, promotion, coupon code, discount code, cashback, rebate, deal, deals',
  'quality | 质量 做工 瑕疵 次品 劣质 掉色 开线 起球 品质 材质 质量差 质量问题 残次 褪色 异味 | quality, poor quality, bad quality, poorly made, flimsy, cheaply made, defect, defects, defective, faulty, low quality, fell apart, smell, material',
  'damaged>quality | 破损 压坏 碎了 摔坏 损坏 包装破 磕碰 划痕 坏的 漏液 | damaged, damage, crushed, dented, smashed, cracked, scratched, scratch, broken on arrival, arrived broken',
  'fake>quality | 假货 正品 仿品 山寨 假的 高仿 冒牌 | fake, counterfeit, knockoff, knock-off, not genuine, authentic, genuine',
  'size | 尺码 尺寸 大小 偏大 偏小 码数 不合身 太小 太大 码子 | size, sizes, sizing, too small, too big, too large, too tight, fit, fits, runs small, runs large',
  'wrong_item | 发错 错发 少发 漏发 缺件 少件 发错货 颜色不对 货不对板 与描述不符 和图片不一样 少送 漏送 漏了一 只到了 没送 少了一份 照片和实际 与实际不符 图片不符 实物 和照片不一样 | wrong item, missing item, missing items, wrong color, wrong colour, not as described, not as pictured, different from the picture, missing, were missing, was missing, forgot, looked nothing like, nothing like the pictures, nothing like the photos',
  'stock | 缺货 没货 库存 补货 断货 售罄 抢不到 秒没 | out of stock, stock, sold out, restock, inventory, back in stock',
  'order:0.4 | 订单 下单 取消订单 拍下 | order, orders, ordered, checkout, my order',
  'payment>money | 支付 付款 付钱 支付宝 微信支付 银行卡 信用卡 支付失败 付不了 付款失败 无法支付 支付不了 收银台 | payment, payments, pay, paying, paid, card, credit card, debit card, paypal, apple pay, google pay, declined, card declined, payment failed, checkout failed',
  'charge>money | 扣款 扣费 扣钱 收费 乱扣费 多扣 重复扣款 扣了 扣 被扣 重复扣费 扣两次 乱收费 | charge, charged, charges, charging, billed, billing, overcharged, double charged, charged twice, deducted, deduction, unauthorized charge',
  'money:0.3>money | 钱 费用 花钱 金额 | money, cost, costs',
  'invoice | 发票 开票 收据 电子发票 | invoice, invoices, receipt, receipts, vat',
  'address | 地址 收货地址 改地址 修改地址 | address, shipping address, change address',
  'renewal>membership | 自动续费 续费 连续包月 续订 自动扣费 自动续订 连续包年 续期 | renewal, renew, renewed, renews, auto renew, auto-renew, auto renewal, auto-renewal, recurring, recurring payment, subscription renewal',
  'membership>membership | 会员 vip 会员权益 超级会员 年卡 月卡 会员费 大会员 订阅 包月 | membership, member, members, premium, vip, subscription, subscriptions, subscribe, subscribed, plan',
  'cancel:0.5 | 取消 关闭 关掉 注销 关不掉 取消不了 | cancel, cancelled, canceled, cancellation, turn off, switch off, disable, deactivate, opt out, close my account',
  'scam | 诈骗 骗子 欺诈 骗钱 虚假宣传 忽悠 坑人 套路 霸王条款 | scam, scammed, scammer, fraud, fraudulent, misleading, false advertising, rip off, ripoff, rip-off, deceptive',
  // app
  "crash>stability | 闪退 崩溃 崩了 卡死 死机 白屏 黑屏 无响应 自动退出 打不开 进不去 启动不了 打开就退 闪退了 强制关闭 卡退 一打开就闪退 闪退严重 | crash, crashes, crashed, crashing, freeze, freezes, frozen, freezing, force close, force closes, not responding, black screen, white screen, blank screen, won't open, wont open, doesn't open, can't open, keeps closing, shuts down, force quit, closes itself, closes by itself, restarts, keeps restarting",
  'lag>stability | 卡顿 卡 很卡 好卡 太卡 特别卡 巨卡 缓冲 转圈 转圈圈 加载 加载慢 加载不出来 掉帧 不流畅 反应慢 响应慢 一卡一卡 卡住 卡得 帧率 播不动 卡住了 | lag, lags, laggy, lagging, buffer, buffering, buffers, stall, stalls, stalling, stutter, stutters, stuttering, loading, load, loads, sluggish, latency, fps, frame rate, frame drops, choppy, spinning, unresponsive, slow to load, slow to load, takes forever to load',
  'slow:0.5 | 慢 太慢 很慢 好慢 缓慢 延迟 迟迟 好久 半天 等了很久 龟速 慢死 超时 等了 一个多小时 半个多小时 | slow, slowly, slower, delay, delayed, delays, late, forever, ages, takes ages, long time, wait, waiting, waited, took forever, overdue delivery',
  "bug:0.6>stability | 故障 报错 异常 出错 错误 失灵 无效 不管用 没反应 点不动 失效 | bug, bugs, buggy, error, errors, glitch, glitches, glitchy, broken, malfunction, not working, doesn't work, does not work, stopped working, fails, failed",
  'login>account | 登录 登陆 登不上 登录不了 无法登录 密码 验证码 找回密码 密码错误 扫码登录 退出登录 掉登录 登录失败 收不到验证码 | login, log in, logging in, logged in, sign in, signin, signing in, password, passwords, verification code, otp, 2fa, two factor, logged out, log out, sign out, reset password, password reset, forgot password, login failed, log, logs, logging',
  'account:0.5>account | 账号 账户 注册 注销账号 绑定 手机号 换绑 实名 实名认证 | account, accounts, register, registration, sign up, signup, username, phone number, verify, verification',
  'security>account | 盗号 被盗 被黑 异常登录 账号被盗 安全 盗刷 | hacked, stolen, compromised, unauthorized, security, breach, someone logged in',
  'privacy | 隐私 权限 个人信息 泄露 定位 通讯录 数据安全 收集信息 读取 | privacy, permission, permissions, personal data, personal information, data collection, location, contacts, data leak, data leaked',
  'notification>notify | 推送 通知 消息 提醒 弹窗 推送消息 消息推送 通知栏 打扰 吵醒 红点 | notification, notifications, notify, push, push notification, push notifications, alert, alerts, reminder, reminders, pop-up, popup, pop up, badge, disturb, woke me up',
  'spam>notify | 营销短信 垃圾短信 短信 广告短信 退订 垃圾邮件 营销电话 骚扰电话 营销 | spam, sms, text message, text messages, marketing, marketing emails, promotional, unsubscribe, junk, email spam, emails',
  'ads | 广告 开屏广告 弹窗广告 广告太多 插播 贴片广告 植入 去广告 | ad, ads, advert, adverts, advertisement, advertisements, advertising, commercial, commercials, sponsored',
  'battery | 耗电 发热 发烫 费电 电量 掉电 耗电快 手机发烫 | battery, battery drain, drains, drain, overheat, overheating, hot, heats up, power consumption',
  'storage | 内存 占用 空间 缓存 安装包 清理缓存 占内存 | storage, space, memory, cache, disk, install size, takes up',
  'update:0.5 | 更新 升级 新版 新版本 版本 旧版 改版 更新后 强制更新 回退 | update, updates, updated, updating, upgrade, new version, version, latest version, old version, redesign, after the update',
  'ui | 界面 ui 设计 布局 字体 按钮 夜间模式 深色模式 排版 难看 不好找 入口 菜单 操作复杂 不好用 交互 | interface, ui, layout, design, button, buttons, font, dark mode, night mode, menu, navigation, confusing, hard to find, cluttered, ugly, user interface',
  'search | 搜索 搜不到 查找 筛选 搜索结果 | search, searching, search results, filter, filters, find',
  'network>stability | 网络 wifi 信号 断网 联网 网速 4g 5g 连接 断线 掉线 网络错误 网络异常 连不上 ping 延迟高 高延迟 离线 断开 | network, wifi, wi-fi, connection, connect, connecting, connectivity, disconnect, disconnected, disconnects, offline, signal, internet, ping, high ping, packet loss, high latency, goes offline, going offline',
  'language | 翻译 中文 英文 语言 多语言 繁体 | translation, translate, language, languages, english, chinese, localization',
  'device:0.4 | 兼容 适配 平板 ipad 安卓 鸿蒙 系统版本 iphone 手机型号 电视 | compatible, compatibility, ipad, tablet, android, ios, device, devices, iphone, tv, smart tv',
  'download | 下载 离线 缓存视频 下载不了 离线下载 | download, downloads, downloading, save offline',
  'upload | 上传 上传失败 传不上去 | upload, uploads, uploading, upload failed',
  'sync | 同步 备份 云端 丢失 数据丢失 记录没了 | sync, syncing, synced, backup, back up, cloud, lost data, data loss, disappeared',
  'share | 分享 转发 分享不了 | share, sharing, forward',
  // content, video, community
  'video:0.4 | 视频 播放 看剧 画面 播放器 投屏 看视频 片子 剧集 节目 直播 | video, videos, playback, play, plays, playing, player, stream, streaming, watch, watching, episode, episodes, live stream, livestream',
  'video_quality>video | 画质 清晰度 高清 标清 分辨率 模糊 1080p 超清 蓝光 4k 画质差 | resolution, hd, 1080p, 4k, blurry, blurred, pixelated, video quality, picture quality, low resolution, sd',
  'subtitle>video | 字幕 字幕不同步 中字 | subtitle, subtitles, caption, captions, closed captions, cc',
  'danmaku>video | 弹幕 | danmaku, bullet comments',
  'audio>video | 声音 音质 音量 没声音 音画不同步 杂音 配音 音效 | audio, sound, volume, mute, no sound, out of sync, dubbing',
  'catalog>video | 版权 下架 片源 片库 资源少 没有版权 更新太慢 追剧 | catalog, catalogue, library, licensing, removed from the library, selection, not available',
  'recommendation | 推荐 算法 首页推荐 信息流 猜你喜欢 推荐不准 同质化 重复推荐 刷来刷去 刷到 千篇一律 不感兴趣 | recommendation, recommendations, recommend, recommended, algorithm, feed, for you, suggested, suggestions, not interested, same content, repetitive content',
  'moderation | 审核 删帖 删除 被删 删了 删 屏蔽 禁言 封号 封禁 违规 违反 限流 封了 冻结 被封 规定 规则 严格 审核不通过 不通过 社区规范 处罚 被吞 吞评论 发不出去 发不了 审核中 申诉 下架了 | moderation, moderator, moderators, removed, deleted, banned, ban, bans, blocked, censored, censorship, suspended, suspension, flagged, violation, violates, shadowban, shadow banned, muted, guidelines, community guidelines, rules, strict, taken down, appeal, shadowbanned, post removed, got removed',
  'no_reason:0.4>moderation | 莫名其妙 无缘无故 没理由 不知道为什么 没有原因 也没说 没说明 | no reason, without reason, without any reason, for no reason, no explanation, without explanation, without warning',
  'abuse | 举报 辱骂 喷子 网暴 人身攻击 谩骂 骂人 引战 恶意 造谣 骚扰 私信骚扰 开盒 人肉 威胁 | report, reported, reporting, harassment, harass, harassed, abuse, abusive, toxic, troll, trolls, bully, bullying, insult, insults, hate speech, stalker, stalking, threats, threatening, threatened',
  'bots>abuse | 机器人 水军 僵尸粉 刷屏 广告帖 刷单 假账号 广告号 营销号 引流 小号 | bot, bots, fake accounts, spammers, fake reviews, spam bots, bot accounts, scam accounts',
  'comment:0.4 | 评论 帖子 发帖 回复 留言 动态 评论区 笔记 发布 发文 | comment, comments, post, posts, posted, posting, reply, replies, thread, threads, review, reviews',
  'creator>income | 创作者 收益 流量 涨粉 粉丝 分成 播放量 曝光 阅读量 up主 博主 | creator, creators, earnings, monetization, monetize, followers, views, reach, exposure, revenue share, influencer',
  'withdraw>income | 提现 到账 余额 钱包 提不了现 | withdraw, withdrawal, withdrawals, wallet, cash out, payout, payouts',
  'rewards | 积分 兑换 签到 奖励 任务 打卡 金币 | points, reward, rewards, redeem, redemption, loyalty, check-in, check in, coins',
  'lottery>rewards | 抽奖 中奖 奖品 开奖 没中奖 | lottery, raffle, giveaway, prize, prizes, draw, winner',
  'event | 活动 活动规则 线下活动 报名 | event, events, campaign, activity, sign-up, signup form',
  'group | 群 社群 群聊 群主 拉群 | group, groups, group chat, community',
  'course:0.4 | 课程 上课 课 学习 直播课 网课 课时 | course, courses, class, classes, lesson, lessons, lecture, lectures',
  'teacher | 老师 讲师 助教 教练 | teacher, teachers, instructor, instructors, tutor, tutors, lecturer, coach',
  'food:0.4>delivery | 外卖 送餐 饭菜 餐品 点餐 | food, meal, meals, takeout, take-out, dinner, lunch',
  'spill>damaged | 洒了 撒了 漏了 漏出来 洒出来 汤洒 凉了 | spilled, spill, spilt, leaked, leaking, leaks, soggy, cold food',
  'loan:0.4>loan | 贷款 借款 借钱 分期 | loan, loans, borrow, borrowed, lender',
  'interest>loan | 利息 利率 年化 息费 高利贷 砍头息 | interest, interest rate, apr, hidden interest',
  'credit_limit>loan | 额度 提额 降额 借不出来 授信 | credit limit, limit, limit increase, credit line',
  'collection>loan | 催收 催款 爆通讯录 暴力催收 | debt collector, debt collectors, collector, collectors, collection, collections',
  'repayment>loan | 还款 逾期 提前还款 还不上 | repayment, repay, overdue, late payment, pay back',
  'fee>money | 配送费 运费 打包费 服务费 手续费 起送价 包装费 | delivery fee, service fee, shipping fee, fee, fees, surcharge, small order fee, handling fee',
  'calls:0.5 | 电话 打电话 来电 | call, calls, called, calling, phone call, phone calls',
  'booking:0.4 | 预订 订票 订单确认 行程 | booking, bookings, reservation, reservations, itinerary',
  'ride:0.4 | 打车 叫车 网约车 拼车 司机 | ride, rides, uber, carpool',
  'hotel | 酒店 房间 民宿 入住 满房 退房 前台 | hotel, hotels, room, rooms, stay, check-in, front desk, overbooked',
  'flight | 航班 机票 改签 延误 航空公司 登机 退票 | flight, flights, airline, airlines, rescheduled, boarding, layover',
  'detour>ride | 绕路 绕远 多收钱 | detour, longer route, took the long way',
  'voice | 语音 语音识别 听不懂 语音助手 小爱 唤醒 | voice, voice assistant, speech recognition, alexa, siri, google assistant, voice commands',
  'smart_device | 设备 智能家居 配网 扫地机 扫地机器人 摄像头 音箱 插座 | smart home, smart plug, speaker, robot vacuum, hub, devices, security camera, smart speaker',
  'sharing_limit>membership | 共享账号 多设备 设备数量 同时登录 挤下线 顶号 | account sharing, password sharing, too many devices, device limit, screens at once, kicked out',
  'parental | 青少年模式 未成年 防沉迷 家长 | parental controls, parental control, kids mode, child account, age verification',
  'autoplay>video | 自动播放 连播 跳过片头 | autoplay, auto-play, auto play, skip intro, next episode',
  'messaging:0.5 | 私信 聊天 消息记录 | dm, dms, direct message, direct messages, chat, chats, inbox',
  'packaging:0.6 | 包装 外包装 包装盒 | packaging, box, wrapping',
  'seller:0.4 | 商家 卖家 店家 店铺 | seller, sellers, merchant, vendor, store, shop',
  'export | 导出 导入 | export, import, csv, pdf',
  'camera | 相机 拍照 照相 扫码 | camera, photo, photos, picture quality of the camera, scan, scanner',
  'cosmetics | 皮肤 时装 外观 | skin, skins, cosmetic, cosmetics, outfit, outfits',
  'onboarding | 新手 新手引导 教程 上手 | tutorial, onboarding, new players, beginners, learning curve',
  'controls | 操作 手感 按键 摇杆 | controls, controller, joystick, aim assist, keybinds, control scheme',
  // games
  'matchmaking | 匹配 排位 段位 队友 连败 匹配机制 人机 坑货 猪队友 上分 掉分 | matchmaking, match making, ranked, rank, teammates, teammate, elo, mmr, losing streak, match quality',
  'cheating | 外挂 开挂 作弊 脚本 透视 自瞄 挂逼 科技 | cheat, cheats, cheater, cheaters, cheating, hack, hacks, hacker, hackers, aimbot, wallhack, exploit, exploits',
  'balance | 平衡 削弱 加强 太强 太弱 数值 强度 英雄 不平衡 | balance, balanced, unbalanced, imbalance, nerf, nerfed, buff, buffed, overpowered, op, underpowered, meta',
  'gacha>money | 充值 氪金 抽卡 保底 概率 爆率 首充 钻石 元宝 十连 出货 | top up, top-up, recharge, gacha, pull, pulls, drop rate, drop rates, pity, gems, diamonds, pay to win, pay-to-win, p2w, microtransaction, microtransactions, loot box, loot boxes',
  'server | 服务器 维护 停服 炸服 宕机 服务器崩了 卡服 排队 | server, servers, maintenance, downtime, outage, server down, servers down, queue, queues',
  'difficulty | 难度 太难 过不去 太简单 关卡 打不过 | difficulty, difficult, too hard, too easy, level, levels, stage, stages, boss',
  'grind | 肝 太肝 体力 日常 每日任务 | grind, grinding, grindy, stamina, energy, repetitive, dailies, daily quests',
  'compensation | 补偿 礼包 补偿礼包 | compensation, compensate, gift, gift pack',
];

/** One concept of the synonym map: its terms in any language, a weight and an optional parent concept. */
export type SynonymGroup = { id: string; terms: string[]; weight?: number; parent?: string };

function parseSeed(line: string): SynonymGroup {
  const [head = '', zh = '', en = ''] = line.split('|').map((part) => part.trim());
  const match = /^([a-z_]+)(?::([\d.]+))?(?:>([a-z_]+))?$/.exec(head);
  if (!match?.[1]) throw new Error(`bad synonym seed: ${head}`);
  const terms = [
    ...zh.split(/\s+/).filter(Boolean),
    ...en
      .split(',')
      .map((term) => term.trim())
      .filter(Boolean),
  ];
  return {
    id: match[1],
    terms,
    ...(match[2] ? { weight: Number(match[2]) } : {}),
    ...(match[3] && match[3] !== match[1] ? { parent: match[3] } : {}),
  };
}

/** The default synonym map (a fresh copy: callers may edit it). */
export function defaultSynonyms(): SynonymGroup[] {
  return SEED.map(parseSeed);
}
