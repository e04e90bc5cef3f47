<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttractScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/attract.py" line="92" />
        <source>Our building makes clean energy from the sun</source>
        <translation>我们的建筑用太阳发电</translation>
    </message>
</context>
<context>
    <name>EnergyScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/energy.py" line="24" />
        <source>Our energy</source>
        <translation>我们的能源</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/energy.py" line="28" />
        <source>Live figures are not available yet</source>
        <translation>实时数据暂不可用</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/energy.py" line="30" />
        <source>The data sources are starting. Figures appear here as soon as the first readings arrive.</source>
        <translation>数据源正在启动，收到第一批读数后这里就会显示数据。</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="74" />
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="79" />
        <source>Touch a tile to explore our green building.</source>
        <translation>轻触下方卡片，探索我们的绿色建筑。</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="81" />
        <source>Our energy</source>
        <translation>我们的能源</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="81" />
        <source>Solar power, CO2 and rainwater, live</source>
        <translation>太阳能发电、减碳和雨水收集，实时呈现</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="84" />
        <source>Low-carbon quiz</source>
        <translation>低碳知识问答</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="84" />
        <source>Play, learn and earn carbon points</source>
        <translation>边玩边学，赢取碳积分</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="87" />
        <source>Green stories</source>
        <translation>绿色故事</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/home.py" line="87" />
        <source>How schools and stores go green</source>
        <translation>看看学校和商店如何践行绿色低碳</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="81" />
        <source>Staff access</source>
        <translation>工作人员入口</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="84" />
        <source>Enter the staff PIN</source>
        <translation>请输入工作人员密码</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="85" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="86" />
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="87" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="113" />
        <source>No staff PIN has been set on this kiosk. Set one with: kiosk set-pin</source>
        <translation>本机尚未设置工作人员密码，请用命令 kiosk set-pin 设置。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/pin.py" line="125" />
        <source>Too many wrong PINs. Try again in %n minute(s).</source>
        <translation>
            <numerusform>密码错误次数过多，请 %n 分钟后再试。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="148" />
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../kiosk/ui/screens/pin.py" line="165" />
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>密码错误，还可以尝试 %n 次。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/pin.py" line="170" />
        <source>The PIN could not be checked. Please try again.</source>
        <translation>无法验证密码，请重试。</translation>
    </message>
</context>
<context>
    <name>QuizScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="24" />
        <source>Low-carbon quiz</source>
        <translation>低碳知识问答</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="28" />
        <source>No quizzes installed yet</source>
        <translation>尚未安装问答内容</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/quiz.py" line="29" />
        <source>Staff can load a content pack from a USB stick or the network.</source>
        <translation>工作人员可以通过U盘或网络加载内容包。</translation>
    </message>
</context>
<context>
    <name>StaffScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="141" />
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="144" />
        <source>Back to visitors</source>
        <translation>返回访客界面</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="145" />
        <source>Restart kiosk</source>
        <translation>重启程序</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="146" />
        <source>Exit kiosk</source>
        <translation>退出程序</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="147" />
        <source>This kiosk</source>
        <translation>本机信息</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="148" />
        <source>Recent log</source>
        <translation>最近日志</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="150" />
        <source>App version</source>
        <translation>程序版本</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="151" />
        <source>Config file</source>
        <translation>配置文件</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="152" />
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="153" />
        <source>Disk free</source>
        <translation>磁盘剩余空间</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/staff.py" line="172" />
        <source>none (built-in defaults)</source>
        <translation>无（使用内置默认值）</translation>
    </message>
</context>
<context>
    <name>StoriesScreen</name>
    <message>
        <location filename="../../kiosk/ui/screens/stories.py" line="24" />
        <source>Green stories</source>
        <translation>绿色故事</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/stories.py" line="28" />
        <source>No stories installed yet</source>
        <translation>尚未安装故事内容</translation>
    </message>
    <message>
        <location filename="../../kiosk/ui/screens/stories.py" line="29" />
        <source>Staff can load a content pack from a USB stick or the network.</source>
        <translation>工作人员可以通过U盘或网络加载内容包。</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../kiosk/ui/widgets/top_bar.py" line="43" />
        <source>Home</source>
        <translation>首页</translation>
    </message>
</context>
</TS>