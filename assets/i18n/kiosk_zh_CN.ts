<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnnouncementPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/announcement_panel.py" line="111" />
        <source>Type your message</source>
        <translation>输入通知内容</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/announcement_panel.py" line="135" />
        <source>No announcement is shown.</source>
        <translation>当前没有通知。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/announcement_panel.py" line="143" />
        <source>staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/announcement_panel.py" line="144" />
        <source>until %1</source>
        <translation>至 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/announcement_panel.py" line="147" />
        <source>Take down</source>
        <translation>撤下</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/announcement_panel.py" line="154" />
        <source>Announcements</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/announcement_panel.py" line="155" />
        <source>Urgent (also over the attract loop)</source>
        <translation>紧急（待机画面上也显示）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/announcement_panel.py" line="157" />
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/announcement_panel.py" line="161" />
        <source>Write a message (English letters)</source>
        <translation>自己输入（英文字母）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/announcement_panel.py" line="162" />
        <source>Post</source>
        <translation>发布</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="224" />
        <source>Our solar roof is making, right now</source>
        <extracomment>Solar power, as a share of the roof's peak, above which the sun character cheers. In portrait a slide's picture is at most this share of the screen's height. figure block beside the slide card (landscape) or above it (portrait)</extracomment>
        <translation>此刻我们的太阳能屋顶正在发电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="228" />
        <source>The sun has set. Today our solar roof made</source>
        <translation>太阳下山了。今天我们的太阳能屋顶发电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="230" />
        <source>Today our solar roof has made</source>
        <translation>今天我们的太阳能屋顶已发电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="234" />
        <source>The sun is asleep. Our solar roof rests until morning.</source>
        <translation>太阳睡着了，太阳能屋顶休息到明天早上。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="236" />
        <source>and kept %1 out of the air today</source>
        <translation>今天少排放了 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="244" />
        <source>Simulated figures, for demonstration</source>
        <translation>模拟数据，仅作演示</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="276" />
        <source>Our building makes clean energy from the sun</source>
        <translation>我们的建筑用太阳发电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="348" />
        <source>Touch the screen to start</source>
        <translation>轻触屏幕开始</translation>
    </message>
</context>
<context>
    <name>CertificateCard</name>
    <message>
        <location filename="../../kiosk/ui/quiz/result_page.py" line="120" />
        <source>Low-carbon star certificate</source>
        <translation>低碳之星证书</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/result_page.py" line="122" />
        <source>Awarded for answering %1 of %2 questions right.</source>
        <translation>答对 %2 道题中的 %1 道，特发此证。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/result_page.py" line="130" />
        <source>Scan the code with your phone: %1</source>
        <translation>用手机扫码：%1</translation>
    </message>
</context>
<context>
    <name>ChoiceGrid</name>
    <message>
        <location filename="../../kiosk/ui/quiz/answers/grid.py" line="43" />
        <source>Check my answer</source>
        <translation>检查答案</translation>
    </message>
</context>
<context>
    <name>ClassPointsPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/class_points_panel.py" line="65" />
        <source>Class points</source>
        <translation>班级积分</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/class_points_panel.py" line="66" />
        <source>Save this term's class points to USB</source>
        <translation>把本学期班级积分存到 U 盘</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/class_points_panel.py" line="68" />
        <source>Insert a USB stick to save the file.</source>
        <translation>请插入 U 盘以保存文件。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/class_points_panel.py" line="73" />
        <source>New term: start a class again at 0 points</source>
        <translation>新学期：让一个班级从 0 分重新开始</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/class_points_panel.py" line="77" />
        <source>Tap again to reset %1</source>
        <translation>再点一次以清零 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/class_points_panel.py" line="79" />
        <source>Reset %1</source>
        <translation>清零 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/class_points_panel.py" line="85" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/class_points_panel.py" line="98" />
        <source>%1 starts again at 0 points; its history is kept.</source>
        <translation>%1 已从 0 分重新开始；历史记录仍保留。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/class_points_panel.py" line="104" />
        <source>Saved %1 (%2 rows)</source>
        <translation>已保存 %1（%2 行）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/class_points_panel.py" line="109" />
        <source>Could not save the class points (reason below).</source>
        <translation>未能保存班级积分（原因见下）。</translation>
    </message>
</context>
<context>
    <name>ClosedScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/closed.py" line="64" />
        <source>Closed</source>
        <translation>已闭馆</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/closed.py" line="67" />
        <source>Closed · opens %1 at %2</source>
        <translation>已闭馆 · %1 %2 开放</translation>
    </message>
</context>
<context>
    <name>ContentPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="77" />
        <source>none</source>
        <extracomment>Open another screen by name (the USB screen).</extracomment>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="84" />
        <source>Content pack</source>
        <translation>内容包</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="86" />
        <source>Showing</source>
        <translation>正在显示</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="87" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="88" />
        <source>Kept to go back to</source>
        <translation>可回退的版本</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="89" />
        <source>Last install</source>
        <translation>上次安装</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="90" />
        <source>USB stick</source>
        <translation>U 盘</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="95" />
        <source>no content pack</source>
        <translation>没有内容包</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="100" />
        <source>In use and confirmed</source>
        <translation>使用中，已确认</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="102" />
        <source>New: confirmed once the kiosk has shown it</source>
        <translation>新版本：展示一次后确认</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="106" />
        <source>Not installed (reason below)</source>
        <translation>未安装（原因见下方）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="108" />
        <source>none since the kiosk started</source>
        <translation>本次启动后没有安装</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="114" />
        <source>Install from USB…</source>
        <translation>从 U 盘安装…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="118" />
        <source>Tap again to go back to %1</source>
        <translation>再点一次回退到 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="121" />
        <source>Roll back</source>
        <translation>回退</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="134" />
        <source>Last install: %1</source>
        <translation>上次安装：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="154" />
        <source>none inserted</source>
        <translation>未插入</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/content_panel.py" line="156" />
        <source>inserted, %n content pack(s) found</source>
        <translation>
            <numerusform>已插入，找到 %n 个内容包</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="173" />
        <source>Rolled back to %1</source>
        <translation>已回退到 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/content_panel.py" line="139" />
        <source>Roll back failed: %1</source>
        <translation>回退失败：%1</translation>
    </message>
</context>
<context>
    <name>DisplayPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/display_panel.py" line="82" />
        <source>Could not save the choice: %1</source>
        <extracomment>The settings on this panel, in the order shown (their values: the config schema's choices).</extracomment>
        <translation>无法保存此选择：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/display_panel.py" line="87" />
        <source>Display</source>
        <translation>显示设置</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/display_panel.py" line="88" />
        <source>Energy screens</source>
        <translation>能源页面</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/display_panel.py" line="89" />
        <source>Language after a visitor leaves</source>
        <translation>访客离开后的语言</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/display_panel.py" line="91" />
        <source>Family: big figures</source>
        <translation>家庭：大字数据</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/display_panel.py" line="92" />
        <source>Student: every figure</source>
        <translation>学生：全部数据</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/display_panel.py" line="103" />
        <source>As set in kiosk.toml.</source>
        <translation>与 kiosk.toml 中的设置相同。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/display_panel.py" line="105" />
        <source>Chosen on this kiosk; kiosk.toml says: %1</source>
        <translation>已在本机更改；kiosk.toml 中为：%1</translation>
    </message>
</context>
<context>
    <name>EnergyScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/energy.py" line="304" />
        <source>Our energy</source>
        <extracomment>The comparisons shipped with the app; a content pack's table replaces it (``set_equivalents``).</extracomment>
        <translation>我们的能源</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/energy.py" line="308" />
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/energy.py" line="309" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/energy.py" line="310" />
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/energy.py" line="311" />
        <source>How we calculate</source>
        <translation>计算方法</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/energy.py" line="316" />
        <source>Waiting for the first readings. Figures appear as soon as they arrive.</source>
        <translation>正在等待第一批读数，数据一到就会显示。</translation>
    </message>
</context>
<context>
    <name>ExplainView</name>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="86" />
        <source>Today: %1 kWh × %2 kg CO2/kWh = %3</source>
        <translation>今日：%1 kWh × %2 kg CO2/kWh = %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="89" />
        <source>CO2 avoided</source>
        <translation>减少的 CO2 排放</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="91" />
        <source>Every kilowatt-hour our solar panels make is one the power grid does not have to make. CO2 avoided = solar energy (kWh) × grid emission factor (kg CO2 per kWh).</source>
        <translation>我们的太阳能板每发一千瓦时电，电网就少发一千瓦时。减少的 CO2 = 太阳能发电量（千瓦时）× 电网排放因子（千克 CO2/千瓦时）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="98" />
        <source>The emission factor is not known yet.</source>
        <translation>排放因子暂未确定。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="103" />
        <source>%1: %2 kg CO2 per kWh (data year %3).</source>
        <translation>%1：每千瓦时 %2 千克 CO2（%3 年数据）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="108" />
        <location filename="../../kiosk/ui/energy/explain_view.py" line="163" />
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="110" />
        <source>The emission factor</source>
        <translation>排放因子</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="113" />
        <source>Self-sufficiency</source>
        <translation>自给率</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="115" />
        <source>The share of the electricity we use that we do not buy from the grid: (electricity used − bought from the grid) ÷ electricity used.</source>
        <translation>我们所用电中不需要从电网购买的比例：（用电量 − 从电网购电量）÷ 用电量。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="121" />
        <source>Solar used on site</source>
        <translation>太阳能自用率</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="123" />
        <source>The share of our solar energy we use ourselves instead of selling it: (solar energy − sold to the grid) ÷ solar energy.</source>
        <translation>太阳能发电中由我们自己使用、而不是卖给电网的比例：（太阳能发电量 − 售给电网的电量）÷ 太阳能发电量。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="129" />
        <source>Rainwater</source>
        <translation>雨水</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="131" />
        <source>Rain from the roof is collected in a tank. Every litre of rainwater we use is a litre of tap water we do not need, so the water saved is the rainwater collected.</source>
        <translation>屋顶的雨水被收集到水箱里。我们每用一升雨水，就少用一升自来水，所以节约的自来水就等于收集的雨水。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="137" />
        <source>Where each number comes from</source>
        <translation>每个数字从哪里来</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="139" />
        <source>live: measured just now. simulated: from the built-in simulator, not a meter. updated N min ago: the meter has not answered since; we show its last value. —: no data, so we show nothing rather than guess.</source>
        <translation>实时：刚刚测得。模拟数据：来自内置模拟器，不是电表。N 分钟前更新：电表之后没有回应，显示的是最后一次的数值。—：没有数据，我们宁可不显示，也不猜测。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="145" />
        <source>Baselines</source>
        <translation>基准</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="149" />
        <source>Everyday comparisons</source>
        <translation>生活中的比较</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/explain_view.py" line="154" />
        <source>No comparisons are installed.</source>
        <translation>尚未安装比较数据。</translation>
    </message>
</context>
<context>
    <name>ExplanationCard</name>
    <message>
        <location filename="../../kiosk/ui/quiz/feedback_card.py" line="104" />
        <source>Well done, that's right!</source>
        <translation>答对了，真棒！</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/feedback_card.py" line="106" />
        <source>Time's up! Here is the answer.</source>
        <translation>时间到！正确答案在这里。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/feedback_card.py" line="108" />
        <source>Not quite. Here is the answer.</source>
        <translation>差一点！正确答案在这里。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/feedback_card.py" line="110" />
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/feedback_card.py" line="113" />
        <source>See my result</source>
        <translation>查看成绩</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/feedback_card.py" line="113" />
        <source>Next question</source>
        <translation>下一题</translation>
    </message>
</context>
<context>
    <name>FailureText</name>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="16" />
        <source>The kiosk cannot reach the channel server, or the connection keeps breaking off. It keeps its content and tries again later. Check the shop's internet connection and proxy, and that the kiosk's date and time are right.</source>
        <translation>一体机连不上频道服务器，或者连接总是中断。当前内容照常展示，稍后会自动重试。请检查店里的网络和代理设置，并确认一体机的日期和时间正确。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="22" />
        <source>The channel server did not answer in time, or the download was too slow. The kiosk keeps its content and tries again later. Check the shop's internet connection.</source>
        <translation>频道服务器没有及时响应，或者下载太慢。当前内容照常展示，稍后会自动重试。请检查店里的网络。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="28" />
        <source>The channel server is busy or has a problem. The kiosk keeps its content and tries again later. If this lasts more than a day, tell head office.</source>
        <translation>频道服务器繁忙或出了故障。当前内容照常展示，稍后会自动重试。如果超过一天还没恢复，请告诉总部。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="33" />
        <source>A file is missing on the channel server. The kiosk keeps its content. Tell head office to publish the pack again.</source>
        <translation>频道服务器上缺少一个文件。当前内容照常展示。请告诉总部重新发布这个内容包。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="38" />
        <source>The channel server refused the kiosk's request. The kiosk keeps its content. Ask IT to check the channel address and the server.</source>
        <translation>频道服务器拒绝了一体机的请求。当前内容照常展示。请让技术人员检查频道地址和服务器设置。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="43" />
        <source>The content arrived damaged or incomplete, so it was not installed. Network sync tries again by itself; for a USB stick, copy the pack onto it again. If this keeps happening, ask for a new copy of the pack.</source>
        <translation>收到的内容已损坏或不完整，所以没有安装。网络同步会自动重试；如果用的是 U 盘，请把内容包重新拷贝到 U 盘上。如果反复出现，请向提供方要一份新的内容包。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="49" />
        <source>The content is not signed by a key this kiosk trusts, or its signature is wrong, so it was not installed. Ask whoever made the pack, or IT, to check the keys.</source>
        <translation>这份内容没有用本机信任的密钥签名，或者签名不对，所以没有安装。请联系制作内容包的人或技术人员检查密钥。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="54" />
        <source>The channel has not been renewed in time and has expired. The kiosk keeps its content. Tell head office to refresh the channel.</source>
        <translation>频道没有按时续期，已经过期。当前内容照常展示。请告诉总部刷新频道。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="59" />
        <source>The channel offered older or mixed-up content, so the kiosk refused it and keeps its content. Tell head office: this can be a faulty cache or tampering.</source>
        <translation>频道提供的内容比之前的旧，或者前后对不上，一体机已拒绝，当前内容照常展示。请告诉总部：可能是缓存出错，也可能被人篡改。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="64" />
        <source>The pack did not pass the kiosk's checks (a file, a size or the format is not allowed), so it was not installed. Ask whoever made the pack to fix it.</source>
        <translation>内容包没有通过一体机的检查（某个文件、大小或格式不允许），所以没有安装。请让制作内容包的人修改后重新提供。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="69" />
        <source>This pack is not for this kiosk: it is meant for another kind of site, needs a newer kiosk app, or is older than the content already installed.</source>
        <translation>这个内容包不适用于本机：它是给其他类型场所用的，或需要更新版本的一体机软件，或比已安装的内容更旧。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="74" />
        <source>The kiosk could not read or write its own storage; the disk may be full or damaged. Ask IT to check the kiosk's disk.</source>
        <translation>一体机无法读写自己的存储，磁盘可能已满或损坏。请让技术人员检查一体机的磁盘。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="79" />
        <source>Another install is running. Try again when it has finished.</source>
        <translation>另一个安装正在进行。请等它完成后再试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="83" />
        <source>The USB stick could not be read to the end; it may have been removed too early. Insert it again and keep it in until the screen says it can be removed.</source>
        <translation>U 盘没能读完，可能拔得太早了。请重新插入 U 盘，等屏幕提示可以拔出时再拔。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="88" />
        <source>There is no content pack here to show or to go back to. Install one from a USB stick, or let network sync fetch one.</source>
        <translation>本机没有可展示或可回退的内容包。请从 U 盘安装一个，或等网络同步下载。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="93" />
        <source>The kiosk is not set up for this: a setting is missing or wrong, for example the channel address or a trusted key. Ask IT to check the kiosk's settings.</source>
        <translation>一体机还没有设置好：缺少某项设置或设置有误，比如频道地址或信任的密钥。请让技术人员检查一体机的设置。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="98" />
        <source>The sync stopped because the kiosk app was closing. It runs again by itself.</source>
        <translation>一体机软件正在关闭，同步已停止。之后会自动重新同步。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="102" />
        <source>Something unexpected went wrong inside the kiosk. It keeps its content. If this happens again, send the details to support.</source>
        <translation>一体机内部出现了意外问题。当前内容照常展示。如果再次出现，请把下面的详细信息发给技术支持。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/failure_text.py" line="117" />
        <source>Details: %1</source>
        <translation>详细信息：%1</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="288" />
        <source>the day before</source>
        <translation>前一天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="289" />
        <source>the week before</source>
        <translation>前一周</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="290" />
        <source>same month last year</source>
        <translation>去年同月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="291" />
        <source>the year before</source>
        <translation>前一年</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="294" />
        <source>so far today</source>
        <translation>今天到目前为止</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="295" />
        <source>so far this week</source>
        <translation>本周到目前为止</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="296" />
        <source>so far this month</source>
        <translation>本月到目前为止</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="297" />
        <source>so far this year</source>
        <translation>今年到目前为止</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="301" />
        <source>yesterday by %1</source>
        <translation>昨天同一时段（至 %1）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="302" />
        <source>last week by %1</source>
        <translation>上周同期（至 %1）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="303" />
        <source>same month last year by %1</source>
        <translation>去年同月同期（至 %1）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="304" />
        <source>last year by %1</source>
        <translation>去年同期（至 %1）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="323" />
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="324" />
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="325" />
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="326" />
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="330" />
        <source>‹ Earlier</source>
        <translation>‹ 更早</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="331" />
        <source>Later ›</source>
        <translation>更晚 ›</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="338" />
        <source>Tap a bar for its value. Swipe the chart to go back in time; pinch or tap Day, Week, Month, Year to zoom.</source>
        <translation>轻触柱子查看数值。左右滑动图表查看过去；双指缩放或轻触日、周、月、年切换。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="253" />
        <location filename="../../kiosk/ui/energy/history_view.py" line="332" />
        <source>Solar energy</source>
        <translation>太阳能发电量</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="205" />
        <source>No energy recorded on this day</source>
        <translation>这一天没有能源记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="206" />
        <source>No energy recorded in this week</source>
        <translation>这一周没有能源记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="207" />
        <source>No energy recorded in this month</source>
        <translation>这个月没有能源记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="208" />
        <source>No energy recorded in this year</source>
        <translation>这一年没有能源记录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="254" />
        <location filename="../../kiosk/ui/energy/history_view.py" line="333" />
        <source>Electricity used</source>
        <translation>用电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="255" />
        <source>CO2 avoided</source>
        <translation>减少的二氧化碳</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="256" />
        <source>Rainwater collected</source>
        <translation>收集的雨水</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="262" />
        <source>%1, %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="275" />
        <source>%1: %2 · %3: %4%5</source>
        <translation>%1：%2 · %3：%4%5</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/history_view.py" line="334" />
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="86" />
        <source>Our roof is making %1 — see how</source>
        <translation>我们的屋顶正在发电 %1，快来看看</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="89" />
        <source>Today our roof has made %1 — see how</source>
        <translation>今天我们的屋顶已发电 %1，快来看看</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="92" />
        <source>(simulated figures)</source>
        <translation>（模拟数据）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="117" />
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="122" />
        <source>Touch a tile to explore our green building.</source>
        <translation>轻触下方卡片，探索我们的绿色建筑。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="124" />
        <source>Our energy</source>
        <translation>我们的能源</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="124" />
        <source>Solar power, CO2 and rainwater, live</source>
        <translation>太阳能发电、减碳和雨水收集，实时呈现</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="127" />
        <source>Low-carbon quiz</source>
        <translation>低碳知识问答</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="127" />
        <source>Play, learn and earn carbon points</source>
        <translation>边玩边学，赢取碳积分</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="130" />
        <source>Kids' quiz</source>
        <translation>儿童问答</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="130" />
        <source>Big pictures, short questions</source>
        <translation>大图片，短问题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="130" />
        <source>Ages 6–9</source>
        <translation>6–9岁</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="133" />
        <source>Green stories</source>
        <translation>绿色故事</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="133" />
        <source>How schools and stores go green</source>
        <translation>看看学校和商店如何践行绿色低碳</translation>
    </message>
</context>
<context>
    <name>LeaderboardView</name>
    <message>
        <location filename="../../kiosk/ui/quiz/leaderboard.py" line="99" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/leaderboard.py" line="100" />
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/leaderboard.py" line="101" />
        <source>This term</source>
        <translation>本学期</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/leaderboard.py" line="160" />
        <source>(your class)</source>
        <translation>（你的班级）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/leaderboard.py" line="161" />
        <source>%1 points</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/leaderboard.py" line="165" />
        <source>Loading class points...</source>
        <translation>正在加载班级积分……</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/leaderboard.py" line="167" />
        <source>No points yet. Be the first class on the board!</source>
        <translation>还没有积分，快来成为第一个上榜的班级吧！</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/leaderboard.py" line="170" />
        <source>A new board starts on %1.</source>
        <translation>新一轮排行榜从 %1 开始。</translation>
    </message>
</context>
<context>
    <name>ManualPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="131" />
        <source>Type the amount on the number pad first.</source>
        <translation>请先在数字键盘上输入数量。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="142" />
        <source>Saved: %1 %2 — %3, %4</source>
        <translation>已保存：%1 %2 — %3，%4</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="151" />
        <source>the amount cannot be negative</source>
        <translation>数量不能为负数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="152" />
        <source>the amount is 0: nothing to add</source>
        <translation>数量为 0：没有可添加的内容</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="153" />
        <source>this is counted in whole numbers</source>
        <translation>这一项只能填整数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="154" />
        <source>that is more than is plausible in one day: check the number</source>
        <translation>一天之内不可能有这么多：请检查数字</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="155" />
        <source>that day is in the future</source>
        <translation>这一天还没有到</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="156" />
        <source>that day is more than a year ago</source>
        <translation>这一天已超过一年前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="158" />
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="166" />
        <source>Today (%1)</source>
        <translation>今天（%1）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="168" />
        <source>Yesterday (%1)</source>
        <translation>昨天（%1）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="179" />
        <source>Figures without a meter</source>
        <translation>无计量表的数据</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/manual_panel.py" line="183" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>MoreCue</name>
    <message>
        <location filename="../../kiosk/ui/widgets/touch.py" line="78" />
        <location filename="../../kiosk/ui/widgets/touch.py" line="85" />
        <source>more</source>
        <translation>更多</translation>
    </message>
</context>
<context>
    <name>NowView</name>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="268" />
        <source>Solar: %1</source>
        <extracomment>Card columns by (mode, portrait). one line for the page instead of a "simulated" chip on every card</extracomment>
        <translation>光伏：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="273" />
        <source>Today: %1 %2</source>
        <translation>今日：%1 %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="280" />
        <source>%1 · solar %2% · %3 from the grid</source>
        <translation>%1 · 太阳能 %2% · 电网用电 %3</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="291" />
        <source>All buildings today</source>
        <translation>全部楼宇今日用电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="303" />
        <source>Site meter: %1 · not metered by building: %2</source>
        <translation>总表：%1 · 未按楼宇计量：%2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="314" />
        <source>The sun rises at %1</source>
        <translation>太阳将在 %1 升起</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="316" />
        <source>So far today — the sun rises at %1</source>
        <translation>今天到目前为止 — 太阳将在 %1 升起</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="320" />
        <source>No solar energy yet today</source>
        <translation>今天还没有太阳能发电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="322" />
        <source>No electricity used yet today</source>
        <translation>今天还没有用电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="324" />
        <source>No rain so far today</source>
        <translation>今天到目前为止没有下雨</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="332" />
        <source>CO2 avoided since the panels were installed</source>
        <translation>光伏板安装以来减少的 CO2 排放</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="335" />
        <source>Solar energy since the panels were installed</source>
        <translation>光伏板安装以来的太阳能发电量</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="337" />
        <source>From the inverter's own lifetime counter</source>
        <translation>来自逆变器自身的累计电量计数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="339" />
        <source>Solar energy since we started</source>
        <translation>累计太阳能发电量</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="344" />
        <source>Since this kiosk started recording on %1</source>
        <translation>自本机 %1 开始记录以来</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="367" />
        <source>Simulated figures, for demonstration: not from this building's meters</source>
        <translation>模拟数据，仅作演示：并非来自本楼电表</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="370" />
        <source>Solar power now</source>
        <translation>此刻太阳能发电功率</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="372" />
        <source>Solar energy today</source>
        <translation>今日太阳能发电量</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="373" />
        <source>Self-sufficiency today</source>
        <translation>今日自给率</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="374" />
        <source>Solar used on site today</source>
        <translation>今日太阳能自用率</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="375" />
        <source>CO2 avoided today</source>
        <translation>今日减少 CO2 排放</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="376" />
        <source>CO2 avoided this month</source>
        <translation>本月减少 CO2 排放</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="377" />
        <source>CO2 avoided this year</source>
        <translation>今年减少 CO2 排放</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="338" />
        <source>CO2 avoided since we started</source>
        <translation>累计减少 CO2 排放</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="378" />
        <source>Rainwater collected today</source>
        <translation>今日收集雨水</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="379" />
        <source>Tap water saved this year</source>
        <translation>今年节约自来水</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="380" />
        <source>Electricity used today</source>
        <translation>今日用电量</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="381" />
        <source>Buying from the grid now</source>
        <translation>此刻从电网购电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="382" />
        <source>Selling to the grid now</source>
        <translation>此刻向电网售电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="389" />
        <source>Sun</source>
        <translation>太阳</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="389" />
        <source>Our building</source>
        <translation>我们的楼</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="389" />
        <source>Power grid</source>
        <translation>电网</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/now_view.py" line="390" />
        <source>Each building now</source>
        <translation>各楼此刻用电</translation>
    </message>
</context>
<context>
    <name>OrderList</name>
    <message>
        <location filename="../../kiosk/ui/quiz/answers/order_list.py" line="204" />
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/answers/order_list.py" line="205" />
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/answers/order_list.py" line="208" />
        <source>Check my answer</source>
        <translation>检查答案</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/answers/order_list.py" line="218" />
        <source>Drag the answers into order, or move them with the arrows. Then tap Check.</source>
        <translation>按住答案拖到合适的位置，或用箭头上下移动，排好后点“检查答案”。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/answers/order_list.py" line="248" />
        <source>you: %1</source>
        <translation>你排第%1</translation>
    </message>
</context>
<context>
    <name>PickSeveralGrid</name>
    <message>
        <location filename="../../kiosk/ui/quiz/answers/grid.py" line="126" />
        <source>Pick every answer that fits, then tap Check.</source>
        <translation>选出所有正确的答案，然后点“检查答案”。</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/pin.py" line="90" />
        <source>Staff access</source>
        <translation>工作人员入口</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin.py" line="93" />
        <source>Enter the staff PIN</source>
        <translation>请输入工作人员密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin.py" line="94" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin.py" line="95" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin.py" line="96" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin.py" line="122" />
        <source>No staff PIN has been set on this kiosk. Set one with: kiosk set-pin</source>
        <translation>本机尚未设置工作人员密码，请用命令 kiosk set-pin 设置。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/pin.py" line="134" />
        <source>Too many wrong PINs. Try again in %n minute(s).</source>
        <translation>
            <numerusform>密码错误次数过多，请 %n 分钟后再试。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin.py" line="157" />
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/pin.py" line="173" />
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>密码错误，还可以尝试 %n 次。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/pin.py" line="178" />
        <source>The PIN could not be checked. Please try again.</source>
        <translation>无法验证密码，请重试。</translation>
    </message>
</context>
<context>
    <name>ProvenanceBadge</name>
    <message>
        <location filename="../../kiosk/ui/energy/figure_card.py" line="48" />
        <source>live</source>
        <extracomment>the page says "simulated" once in a banner, so this badge need not say it again</extracomment>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/figure_card.py" line="50" />
        <source>simulated</source>
        <translation>模拟数据</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/figure_card.py" line="52" />
        <source>partial</source>
        <translation>部分数据</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/figure_card.py" line="54" />
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/energy/figure_card.py" line="56" />
        <source>updated %n min ago</source>
        <translation>
            <numerusform>%n 分钟前更新</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/energy/figure_card.py" line="58" />
        <source>updated %n h ago</source>
        <translation>
            <numerusform>%n 小时前更新</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/energy/figure_card.py" line="60" />
        <source>updated %n days ago</source>
        <translation>
            <numerusform>%n 天前更新</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuestionPage</name>
    <message>
        <location filename="../../kiosk/ui/quiz/question_page.py" line="105" />
        <source>Question %1 of %2</source>
        <translation>第 %1 题，共 %2 题</translation>
    </message>
</context>
<context>
    <name>QuizScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="105" />
        <source>Low-carbon quiz</source>
        <translation>低碳知识问答</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="130" />
        <source>No quizzes installed yet</source>
        <translation>尚未安装问答内容</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="131" />
        <source>Staff can load a content pack from a USB stick or the network.</source>
        <translation>工作人员可以通过U盘或网络加载内容包。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="133" />
        <source>Choose a topic</source>
        <translation>选择主题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="134" />
        <source>Choose your level</source>
        <translation>选择难度</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="138" />
        <source>Kids</source>
        <translation>儿童</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="139" />
        <source>Pictures and short questions</source>
        <translation>看图答题，题目简短</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="140" />
        <source>Ages 6–9</source>
        <translation>6–9岁</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="143" />
        <source>Family</source>
        <translation>家庭</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="144" />
        <source>Everyday green choices</source>
        <translation>日常绿色选择</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="145" />
        <source>Ages 10+</source>
        <translation>10岁以上</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="148" />
        <source>Students</source>
        <translation>学生</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="149" />
        <source>Facts and figures</source>
        <translation>知识与数据</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="150" />
        <source>Ages 12–18</source>
        <translation>12–18岁</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="155" />
        <source>Which class or team are you in?</source>
        <translation>你在哪个班级或队伍？</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="157" />
        <source>Your points go to your class. We never ask for your name.</source>
        <translation>积分记在班级名下，我们从不询问你的名字。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="159" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="160" />
        <source>Class points</source>
        <translation>班级积分</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="162" />
        <source>Play again</source>
        <translation>再玩一次</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="163" />
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="181" />
        <source>All topics</source>
        <translation>全部主题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="304" />
        <source>%1 s left</source>
        <translation>还剩 %1 秒</translation>
    </message>
</context>
<context>
    <name>ReferenceCards</name>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="36" />
        <source>Electricity used</source>
        <extracomment>History figure id -&gt; the summary figure whose badge a comparison carries</extracomment>
        <translation>用电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="37" />
        <source>Solar energy</source>
        <translation>太阳能发电量</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="38" />
        <source>CO2 avoided</source>
        <translation>减少的二氧化碳</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="39" />
        <source>Rainwater collected</source>
        <translation>收集的雨水</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="45" />
        <source>so far today</source>
        <translation>今天到目前为止</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="46" />
        <source>so far this week</source>
        <translation>本周到目前为止</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="47" />
        <source>so far this month</source>
        <translation>本月到目前为止</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="48" />
        <source>so far this year</source>
        <translation>今年到目前为止</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="55" />
        <source>, per m²</source>
        <translation>，每平方米</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="56" />
        <source>, per person</source>
        <translation>，人均</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="67" />
        <source>No baseline is configured (see [[baselines]] in kiosk.toml).</source>
        <translation>尚未设置基准（见 kiosk.toml 中的 [[baselines]]）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="74" />
        <source>a day</source>
        <translation>每天</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="74" />
        <source>a week</source>
        <translation>每周</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="75" />
        <source>a month</source>
        <translation>每月</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="75" />
        <source>a year</source>
        <translation>每年</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="77" />
        <source>%1: %2 %3 %4%5. Source: %6</source>
        <translation>%1：%4 %2 %3%5。来源：%6</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="86" />
        <source>While a period runs, we compare what we used so far with the share of the reference for the time gone (half a year: half the yearly value).</source>
        <translation>在一个时段进行中时，我们把到目前为止的数值与按已过去的时间折算的基准相比（过了半年：取全年基准的一半）。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="140" />
        <source>Compared with %1</source>
        <translation>与%1相比</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="150" />
        <source>% below</source>
        <translation>%，更低</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="152" />
        <source>% above</source>
        <translation>%，更高</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="154" />
        <source>%1 %2%3</source>
        <translation>%1（%2%3）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="160" />
        <source>since this kiosk started recording on %1</source>
        <translation>自本机 %1 开始记录以来</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="177" />
        <source>%1 this year</source>
        <translation>%1（今年）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/reference_cards.py" line="184" />
        <source>entered by staff on %1</source>
        <translation>员工于 %1 录入</translation>
    </message>
</context>
<context>
    <name>ReportsPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="95" />
        <source>The broker refused this kiosk's user name or password.</source>
        <translation>服务器拒绝了本机的用户名或密码。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="96" />
        <source>The secure connection failed: certificate, CA bundle or TLS port.</source>
        <translation>安全连接失败：请检查证书、CA 证书包或 TLS 端口。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="97" />
        <source>Cannot reach the head office broker.</source>
        <translation>无法连接总部消息服务器。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="98" />
        <source>The head office broker does not answer.</source>
        <translation>总部消息服务器没有响应。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="99" />
        <source>The head office broker refused the connection.</source>
        <translation>总部消息服务器拒绝了连接。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="101" />
        <source>The heartbeat does not reach head office.</source>
        <translation>心跳信息未能送达总部。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="106" />
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="109" />
        <source>Broker</source>
        <translation>消息服务器</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="110" />
        <source>Kiosk id</source>
        <translation>本机编号</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="111" />
        <source>Heartbeat</source>
        <translation>心跳</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="112" />
        <source>Last sent</source>
        <translation>上次发送</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="117" />
        <source>off (no fleet.broker set)</source>
        <translation>未开启（未设置 fleet.broker）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="123" />
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="125" />
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="127" />
        <source>not connected; next try in %1 s</source>
        <translation>未连接；%1 秒后重试</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="142" />
        <source>Save a store report to USB (status and 31 days of counts)</source>
        <translation>把门店报告存到 U 盘（状态和 31 天的统计）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="145" />
        <source>Insert a USB stick to save a store report.</source>
        <translation>请插入 U 盘以保存门店报告。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="154" />
        <source>Yearly report, a PDF to print or hand in</source>
        <translation>年度报告：PDF 文件，可打印或上交</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="159" />
        <source>Save the %1 yearly report to USB</source>
        <translation>将 %1 年度报告保存到 U 盘</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="162" />
        <source>Insert a USB stick to save the yearly report.</source>
        <translation>请插入 U 盘以保存年度报告。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="171" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="176" />
        <source>Saved %1: hand it to head office.</source>
        <translation>已保存 %1：请交给总部。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="180" />
        <source>The store report was not saved: %1</source>
        <translation>门店报告未能保存：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="189" />
        <source>Saving the %1 yearly report…</source>
        <translation>正在保存 %1 年度报告…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="195" />
        <source>Saved %1: print it or hand it in.</source>
        <translation>已保存 %1：可打印或上交。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="202" />
        <source>Nothing to report for %1: no readings, staff entries, quiz rounds or class points.</source>
        <translation>%1 年没有可报告的内容：没有读数、工作人员录入、问答轮次或班级积分。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/reports_panel.py" line="206" />
        <source>The yearly report was not saved (reason below).</source>
        <translation>年度报告未能保存（原因见下方）。</translation>
    </message>
</context>
<context>
    <name>RoundFinale</name>
    <message>
        <location filename="../../kiosk/ui/quiz/finale.py" line="107" />
        <source>You got %1 of %2 right!</source>
        <translation>你答对了 %2 道题中的 %1 道！</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/finale.py" line="112" />
        <source>+%1 carbon points</source>
        <translation>+%1 碳积分</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/finale.py" line="114" />
        <source>Every right answer earns carbon points. Try again!</source>
        <translation>每答对一题就能得碳积分。再试一次吧！</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/finale.py" line="131" />
        <source>Who gets your points?</source>
        <translation>积分送给谁？</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/finale.py" line="133" />
        <source>Our school</source>
        <translation>我们学校</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/finale.py" line="142" />
        <source>Your points could not be saved just now. Sorry!</source>
        <translation>抱歉，积分暂时没能保存。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/finale.py" line="146" />
        <source>Points added for %1.</source>
        <translation>积分已加给 %1。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/finale.py" line="147" />
        <source>Ask staff to add your classes so points can be collected.</source>
        <translation>请工作人员添加班级，才能累积积分。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/quiz/finale.py" line="152" />
        <source>Thank you for learning how to save carbon!</source>
        <translation>谢谢你学习如何减少碳排放！</translation>
    </message>
</context>
<context>
    <name>SchedulePanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="44" />
        <source>Always on (no opening hours set)</source>
        <translation>始终开启（未设置开放时间）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="46" />
        <source>On (woken by a touch) until %1</source>
        <translation>已开启（触摸唤醒）至 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="50" />
        <source>On</source>
        <translation>开启</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="50" />
        <source>Off (no opening within a year)</source>
        <translation>关闭（一年内无开放时间）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="53" />
        <source>On until %1</source>
        <translation>开启至 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="53" />
        <source>Off until %1</source>
        <translation>关闭至 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="57" />
        <source>Opening hours</source>
        <translation>开放时间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="60" />
        <source>Screen off by: %1</source>
        <translation>关屏方式：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="62" />
        <source>Today: %1</source>
        <translation>今天：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="65" />
        <source>Monday</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="65" />
        <source>Tuesday</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="65" />
        <source>Wednesday</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="66" />
        <source>Thursday</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="66" />
        <source>Friday</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="66" />
        <source>Saturday</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="67" />
        <source>Sunday</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/schedule_panel.py" line="72" />
        <source>closed</source>
        <translation>闭馆</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="116" />
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="116" />
        <source>Readings arrive on time</source>
        <translation>读数按时到达</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="118" />
        <source>Simulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="119" />
        <source>Made-up figures from the simulator, not from a meter</source>
        <translation>模拟器生成的数字，不是电表读数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="121" />
        <source>Quiet</source>
        <translation>无新数据</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="121" />
        <source>Answers, but no fresh reading</source>
        <translation>有响应，但没有新读数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="122" />
        <source>Failing</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="122" />
        <source>Not answering (see the last problem)</source>
        <translation>没有响应（见最近一次问题）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="124" />
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="124" />
        <source>No reading yet</source>
        <translation>尚无读数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="128" />
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="131" />
        <source>%1 s ago</source>
        <translation>%1 秒前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="133" />
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="136" />
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="137" />
        <source>%1 days ago</source>
        <translation>%1 天前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="140" />
        <source>Data sources</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="141" />
        <source>No data sources are configured.</source>
        <translation>尚未配置任何数据来源。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="144" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="145" />
        <source>Last good reading</source>
        <translation>最近一次有效读数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="146" />
        <source>Last problem</source>
        <translation>最近一次问题</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="147" />
        <source>Reads per minute</source>
        <translation>每分钟读取次数</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="148" />
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="149" />
        <source>Figures not arriving</source>
        <translation>未收到的数据</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="163" />
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="165" />
        <location filename="../../kiosk/ui/staff/sources_panel.py" line="166" />
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="172" />
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="175" />
        <source>Back to visitors</source>
        <translation>返回访客界面</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="176" />
        <source>Restart kiosk</source>
        <translation>重启程序</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="177" />
        <source>Exit kiosk</source>
        <translation>退出程序</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="179" />
        <source>Exit the kiosk?</source>
        <translation>退出程序吗？</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="180" />
        <source>The app closes; visitors see nothing until it is started again.</source>
        <translation>程序将关闭；重新启动之前，访客看不到任何内容。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="181" />
        <source>Yes, exit</source>
        <translation>确定退出</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="182" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="184" />
        <source>This kiosk</source>
        <translation>本机信息</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="185" />
        <source>Recent log</source>
        <translation>最近日志</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="187" />
        <source>App version</source>
        <translation>程序版本</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="188" />
        <source>Config file</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="189" />
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="190" />
        <source>Disk free</source>
        <translation>磁盘剩余空间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/screen.py" line="210" />
        <source>none (built-in defaults)</source>
        <translation>无（使用内置默认值）</translation>
    </message>
</context>
<context>
    <name>StoriesScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/stories.py" line="382" />
        <source>Green stories</source>
        <translation>绿色故事</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/stories.py" line="387" />
        <source>No stories installed yet</source>
        <translation>尚未安装故事内容</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/stories.py" line="388" />
        <source>Staff can load a content pack from a USB stick or the network.</source>
        <translation>工作人员可以通过U盘或网络加载内容包。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/stories.py" line="403" />
        <source>Previous</source>
        <translation>上一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/stories.py" line="404" />
        <source>Next</source>
        <translation>下一页</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/stories.py" line="408" />
        <source>Next story:</source>
        <translation>下一个故事：</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/stories.py" line="413" />
        <source>See all stories</source>
        <translation>看看所有故事</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/stories.py" line="375" />
        <source>All stories</source>
        <extracomment>A visitor opened a story (the anonymous counts listen). one page per slide, then the "next story" card</extracomment>
        <translation>全部故事</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/stories.py" line="401" />
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="94" />
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="97" />
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="99" />
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="102" />
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="103" />
        <source>%1 days ago</source>
        <translation>%1 天前</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="107" />
        <source>Network sync</source>
        <translation>网络同步</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="109" />
        <source>Channel</source>
        <translation>频道</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="110" />
        <source>Last synced</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="111" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="112" />
        <source>Showing</source>
        <translation>正在显示</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="113" />
        <source>Available</source>
        <translation>可用版本</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="116" />
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="118" />
        <source>off (no channel URL set)</source>
        <translation>已关闭（未设置频道网址）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="134" />
        <source>New content installed</source>
        <translation>已安装新内容</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="135" />
        <source>Up to date</source>
        <translation>已是最新</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="136" />
        <source>Failed (reason below)</source>
        <translation>失败（原因见下方）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="138" />
        <source>not yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="140" />
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="152" />
        <source>Last failure: %1</source>
        <translation>上次失败：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="168" />
        <source>(%1 to download)</source>
        <translation>（需下载 %1）</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="180" />
        <source>Downloading %1 of %2</source>
        <translation>正在下载 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="184" />
        <source>Checking the channel…</source>
        <translation>正在检查频道…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="216" />
        <source>Installed %1</source>
        <translation>已安装 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="220" />
        <source>Already up to date</source>
        <translation>已是最新版本</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/sync_panel.py" line="226" />
        <source>Sync failed; the reason is shown above.</source>
        <translation>同步失败，原因见上方。</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <location filename="../../kiosk/ui/energy/today_view.py" line="144" />
        <source>Today, from midnight to now</source>
        <translation>今天，从零点到现在</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/today_view.py" line="145" />
        <source>Solar power</source>
        <translation>太阳能发电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/today_view.py" line="146" />
        <source>Electricity used</source>
        <translation>用电</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/today_view.py" line="147" />
        <source>kW</source>
        <translation>kW</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/energy/today_view.py" line="149" />
        <source>No readings yet today</source>
        <translation>今天还没有读数</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../kiosk/ui/widgets/top_bar.py" line="60" />
        <source>Home</source>
        <extracomment>The staff corner's width at 1080p: a thumb fits, and "← Home" starts a spacing after it.</extracomment>
        <translation>首页</translation>
    </message>
</context>
<context>
    <name>UsbScreen</name>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="195" />
        <source>Not a readable content pack</source>
        <extracomment>each listed pack's title line, set again in each language</extracomment>
        <translation>无法读取的内容包</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="197" />
        <source>version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="216" />
        <source>Another install or roll back is running. Try again when it has finished.</source>
        <translation>另一个安装或回退正在进行。请等它完成后再试。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="269" />
        <source>Load content from USB</source>
        <translation>从 U 盘加载内容</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="276" />
        <source>Back to staff</source>
        <translation>返回管理页面</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="277" />
        <source>See the stories</source>
        <translation>查看故事</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="278" />
        <source>Choose another pack</source>
        <translation>选择其他内容包</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="280" />
        <source>Install</source>
        <translation>安装</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="294" />
        <source>Installing %1</source>
        <translation>正在安装 %1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="298" />
        <source>Step 1 of 2: copying the pack to the kiosk. Do not remove the USB stick.</source>
        <translation>第 1 步（共 2 步）：正在把内容包复制到一体机。请不要拔出 U 盘。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="301" />
        <source>Step 2 of 2: checking the signature and every file, then installing. You can remove the USB stick now.</source>
        <translation>第 2 步（共 2 步）：正在检查签名和每个文件，然后安装。现在可以拔出 U 盘了。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="304" />
        <source>Opening the new content…</source>
        <translation>正在打开新内容…</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="307" />
        <source>Installed: %1</source>
        <translation>已安装：%1</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="309" />
        <source>The kiosk now shows this pack. You can remove the USB stick.</source>
        <translation>一体机现在展示这个内容包。可以拔出 U 盘了。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="312" />
        <source>Not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="315" />
        <source>%1

Nothing was changed: the kiosk keeps showing its current content.</source>
        <translation>%1

没有任何改动：一体机继续展示当前内容。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="319" />
        <source>%1

Nothing was changed: the kiosk keeps showing its current content. You can remove the USB stick.</source>
        <translation>%1

没有任何改动：一体机继续展示当前内容。可以拔出 U 盘了。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="329" />
        <source>No USB stick found</source>
        <translation>未发现 U 盘</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="332" />
        <source>Insert a USB stick with .kpack files at its top level or in a folder named kiosk-packs.</source>
        <translation>请插入 U 盘，把 .kpack 文件放在根目录或名为 kiosk-packs 的文件夹中。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="337" />
        <source>No content packs on the USB stick</source>
        <translation>U 盘上没有内容包</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="339" />
        <source>Put .kpack files at its top level or in a folder named kiosk-packs.</source>
        <translation>请把 .kpack 文件放在 U 盘根目录或名为 kiosk-packs 的文件夹中。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/staff/usb.py" line="342" />
        <source>Content packs found: %n</source>
        <translation>
            <numerusform>找到 %n 个内容包</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/staff/usb.py" line="345" />
        <source>Choose the pack to install. It is copied to the kiosk and checked before anything changes.</source>
        <translation>选择要安装的内容包。它会先复制到一体机并通过检查，然后才会有任何改动。</translation>
    </message>
</context>
</TS>