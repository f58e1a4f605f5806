//! The CLDR tables ICU4X's stable crates do not have: currency symbols and language names.

/// Code, CLDR root symbol, then `lang=symbol` where one of the theme's languages (en fr es ar
/// pt de it ru zh) differs, checked against CLDR 47 (unicode-org/cldr-json): Spanish and
/// Italian write many currencies as their code ("1250,50 USD" in Italian). Hand table: ICU4X's
/// currency data is only in `icu_experimental`. Symbols never contain ASCII spaces.
pub(super) const CURRENCY_SYMBOLS: &str = "EUR €
USD US$ en=$ fr=$US de=$ it=USD ru=$
GBP £ fr=£GB es=GBP ar=UK£
JPY JP¥ en=¥ fr=JPY es=JPY de=¥ it=JPY ru=¥
CNY CN¥ fr=CNY es=CNY zh=¥
CAD CA$ fr=$CA es=CAD
AUD A$ fr=$AU es=AUD ar=AU$ pt=AU$ de=AU$ zh=AU$
NZD NZ$ fr=$NZ es=NZD
HKD HK$ fr=HKD es=HKD it=HKD
SGD SGD fr=$SG
XOF F\u{202f}CFA es=XOF
XAF FCFA es=XAF
XPF CFPF fr=FCFP
XCD EC$ fr=XCD es=XCD
INR ₹ es=INR it=INR
BRL R$ es=BRL it=BRL
RUB RUB ru=₽
UAH UAH ru=₴
MXN MX$ fr=$MX es=MXN it=MXN
KRW ₩ es=KRW it=KRW
TWD NT$ fr=TWD es=TWD it=TWD
ILS ₪ es=ILS
PHP ₱ fr=PHP es=PHP ar=PHP pt=PHP de=PHP ru=PHP zh=PHP
VND ₫ it=VND
THB THB es=฿ ar=฿ pt=฿ de=฿ it=฿ ru=฿
LBP LBP fr=£LB ar=ل.ل.\u{200f}
MAD MAD ar=د.م.\u{200f}
DZD DZD ar=د.ج.\u{200f}
TND TND ar=د.ت.\u{200f}
LYD LYD ar=د.ل.\u{200f}
EGP EGP ar=ج.م.\u{200f}
SDG SDG ar=ج.س.
SAR SAR ar=ر.س.\u{200f}
AED AED ar=د.إ.\u{200f}
QAR QAR ar=ر.ق.\u{200f}
BHD BHD ar=د.ب.\u{200f}
KWD KWD ar=د.ك.\u{200f}
OMR OMR ar=ر.ع.\u{200f}
JOD JOD ar=د.أ.\u{200f}
IQD IQD ar=د.ع.\u{200f}
SYP SYP ar=ل.س.\u{200f}
YER YER ar=ر.ي.\u{200f}";

/// Language names (CLDR 48 "languages", as in `icu_experimental` 0.7 display names), columns
/// en fr es ar pt de it ru zh, then the language's own name (its endonym, from the language's
/// own CLDR data). Hand table: ICU4X has display names only in `icu_experimental`.
pub(super) const LANGUAGE_NAMES: &str = "\
en|English|anglais|inglés|الإنجليزية|inglês|Englisch|inglese|английский|英语|English
fr|French|français|francés|الفرنسية|francês|Französisch|francese|французский|法语|français
es|Spanish|espagnol|español|الإسبانية|espanhol|Spanisch|spagnolo|испанский|西班牙语|español
ar|Arabic|arabe|árabe|العربية|árabe|Arabisch|arabo|арабский|阿拉伯语|العربية
pt|Portuguese|portugais|portugués|البرتغالية|português|Portugiesisch|portoghese|португальский|葡萄牙语|português
de|German|allemand|alemán|الألمانية|alemão|Deutsch|tedesco|немецкий|德语|Deutsch
it|Italian|italien|italiano|الإيطالية|italiano|Italienisch|italiano|итальянский|意大利语|italiano
ru|Russian|russe|ruso|الروسية|russo|Russisch|russo|русский|俄语|русский
zh|Chinese|chinois|chino|الصينية|chinês|Chinesisch|cinese|китайский|中文|中文
ja|Japanese|japonais|japonés|اليابانية|japonês|Japanisch|giapponese|японский|日语|日本語
ko|Korean|coréen|coreano|الكورية|coreano|Koreanisch|coreano|корейский|韩语|한국어
hi|Hindi|hindi|hindi|الهندية|hindi|Hindi|hindi|хинди|印地语|हिन्दी
nl|Dutch|néerlandais|neerlandés|الهولندية|holandês|Niederländisch|olandese|нидерландский|荷兰语|Nederlands
pl|Polish|polonais|polaco|البولندية|polonês|Polnisch|polacco|польский|波兰语|polski
tr|Turkish|turc|turco|التركية|turco|Türkisch|turco|турецкий|土耳其语|Türkçe
sv|Swedish|suédois|sueco|السويدية|sueco|Schwedisch|svedese|шведский|瑞典语|svenska
el|Greek|grec|griego|اليونانية|grego|Griechisch|greco|греческий|希腊语|Ελληνικά
he|Hebrew|hébreu|hebreo|العبرية|hebraico|Hebräisch|ebraico|иврит|希伯来语|עברית
fa|Persian|persan|persa|الفارسية|persa|Persisch|persiano|персидский|波斯语|فارسی
sw|Swahili|swahili|suajili|السواحلية|suaíli|Suaheli|swahili|суахили|斯瓦希里语|Kiswahili
uk|Ukrainian|ukrainien|ucraniano|الأوكرانية|ucraniano|Ukrainisch|ucraino|украинский|乌克兰语|українська
ro|Romanian|roumain|rumano|الرومانية|romeno|Rumänisch|rumeno|румынский|罗马尼亚语|română
hu|Hungarian|hongrois|húngaro|الهنغارية|húngaro|Ungarisch|ungherese|венгерский|匈牙利语|magyar
cs|Czech|tchèque|checo|التشيكية|tcheco|Tschechisch|ceco|чешский|捷克语|čeština
vi|Vietnamese|vietnamien|vietnamita|الفيتنامية|vietnamita|Vietnamesisch|vietnamita|вьетнамский|越南语|Tiếng Việt
th|Thai|thaï|tailandés|التايلاندية|tailandês|Thailändisch|thailandese|тайский|泰语|ไทย
id|Indonesian|indonésien|indonesio|الإندونيسية|indonésio|Indonesisch|indonesiano|индонезийский|印度尼西亚语|Indonesia
ms|Malay|malais|malayo|الماليزية|malaio|Malaiisch|malese|малайский|马来语|Melayu
bn|Bangla|bengali|bengalí|البنغالية|bengali|Bengalisch|bengalese|бенгальский|孟加拉语|বাংলা
ur|Urdu|ourdou|urdu|الأوردية|urdu|Urdu|urdu|урду|乌尔都语|اردو
ca|Catalan|catalan|catalán|الكتالانية|catalão|Katalanisch|catalano|каталанский|加泰罗尼亚语|català
da|Danish|danois|danés|الدانمركية|dinamarquês|Dänisch|danese|датский|丹麦语|dansk
fi|Finnish|finnois|finés|الفنلندية|finlandês|Finnisch|finlandese|финский|芬兰语|suomi
nb|Norwegian Bokmål|norvégien bokmål|noruego bokmal|النرويجية بوكمال|bokmål norueguês|Norwegisch (Bokmål)|norvegese bokmål|норвежский букмол|书面挪威语|norsk bokmål
no|Norwegian|norvégien|noruego|النرويجية|norueguês|Norwegisch|norvegese|норвежский|挪威语|norsk
am|Amharic|amharique|amárico|الأمهرية|amárico|Amharisch|amarico|амхарский|阿姆哈拉语|አማርኛ
ha|Hausa|haoussa|hausa|الهوسا|hauçá|Haussa|hausa|хауса|豪萨语|Hausa
yo|Yoruba|yoruba|yoruba|اليوروبا|iorubá|Yoruba|yoruba|йоруба|约鲁巴语|Èdè Yorùbá
ig|Igbo|igbo|igbo|الإيجبو|igbo|Igbo|igbo|игбо|伊博语|Igbo
zu|Zulu|zoulou|zulú|الزولو|zulu|Zulu|zulu|зулу|祖鲁语|isiZulu
so|Somali|somali|somalí|الصومالية|somali|Somali|somalo|сомали|索马里语|Soomaali
tl|Tagalog|tagalog|tagalo|التاغالوغية|tagalo|Tagalog|tagalog|тагалог|他加禄语|Tagalog
bg|Bulgarian|bulgare|búlgaro|البلغارية|búlgaro|Bulgarisch|bulgaro|болгарский|保加利亚语|български
hr|Croatian|croate|croata|الكرواتية|croata|Kroatisch|croato|хорватский|克罗地亚语|hrvatski
sr|Serbian|serbe|serbio|الصربية|sérvio|Serbisch|serbo|сербский|塞尔维亚语|српски
sk|Slovak|slovaque|eslovaco|السلوفاكية|eslovaco|Slowakisch|slovacco|словацкий|斯洛伐克语|slovenčina
sl|Slovenian|slovène|esloveno|السلوفانية|esloveno|Slowenisch|sloveno|словенский|斯洛文尼亚语|slovenščina
lt|Lithuanian|lituanien|lituano|الليتوانية|lituano|Litauisch|lituano|литовский|立陶宛语|lietuvių
lv|Latvian|letton|letón|اللاتفية|letão|Lettisch|lettone|латышский|拉脱维亚语|latviešu
et|Estonian|estonien|estonio|الإستونية|estoniano|Estnisch|estone|эстонский|爱沙尼亚语|eesti
ka|Georgian|géorgien|georgiano|الجورجية|georgiano|Georgisch|georgiano|грузинский|格鲁吉亚语|ქართული
hy|Armenian|arménien|armenio|الأرمنية|armênio|Armenisch|armeno|армянский|亚美尼亚语|հայերեն
az|Azerbaijani|azerbaïdjanais|azerbaiyano|الأذربيجانية|azerbaijano|Aserbaidschanisch|azerbaigiano|азербайджанский|阿塞拜疆语|azərbaycan
kk|Kazakh|kazakh|kazajo|الكازاخستانية|cazaque|Kasachisch|kazako|казахский|哈萨克语|қазақ тілі
uz|Uzbek|ouzbek|uzbeko|الأوزبكية|uzbeque|Usbekisch|uzbeco|узбекский|乌兹别克语|o‘zbek
mn|Mongolian|mongol|mongol|المنغولية|mongol|Mongolisch|mongolo|монгольский|蒙古语|монгол
ne|Nepali|népalais|nepalí|النيبالية|nepalês|Nepalesisch|nepalese|непальский|尼泊尔语|नेपाली
si|Sinhala|cingalais|cingalés|السنهالية|cingalês|Singhalesisch|singalese|сингальский|僧伽罗语|සිංහල
ta|Tamil|tamoul|tamil|التاميلية|tâmil|Tamil|tamil|тамильский|泰米尔语|தமிழ்
te|Telugu|télougou|telugu|التيلوغوية|télugo|Telugu|telugu|телугу|泰卢固语|తెలుగు
ml|Malayalam|malayalam|malayálam|المالايالامية|malaiala|Malayalam|malayalam|малаялам|马拉雅拉姆语|മലയാളം
mr|Marathi|marathi|maratí|الماراثية|marati|Marathi|marathi|маратхи|马拉地语|मराठी
gu|Gujarati|goudjarati|guyaratí|الغوجاراتية|guzerate|Gujarati|gujarati|гуджарати|古吉拉特语|ગુજરાતી
pa|Punjabi|pendjabi|punyabí|البنجابية|panjabi|Punjabi|punjabi|панджаби|旁遮普语|ਪੰਜਾਬੀ
km|Khmer|khmer|jemer|الخميرية|khmer|Khmer|khmer|кхмерский|高棉语|ខ្មែរ
lo|Lao|lao|lao|اللاوية|laosiano|Laotisch|lao|лаосский|老挝语|ລາວ
my|Burmese|birman|birmano|البورمية|birmanês|Birmanisch|birmano|бирманский|缅甸语|မြန်မာ
af|Afrikaans|afrikaans|afrikáans|الأفريقانية|africâner|Afrikaans|afrikaans|африкаанс|南非荷兰语|Afrikaans
sq|Albanian|albanais|albanés|الألبانية|albanês|Albanisch|albanese|албанский|阿尔巴尼亚语|shqip
mk|Macedonian|macédonien|macedonio|المقدونية|macedônio|Mazedonisch|macedone|македонский|马其顿语|македонски
be|Belarusian|biélorusse|bielorruso|البيلاروسية|bielorrusso|Belarussisch|bielorusso|белорусский|白俄罗斯语|беларуская
bs|Bosnian|bosniaque|bosnio|البوسنية|bósnio|Bosnisch|bosniaco|боснийский|波斯尼亚语|bosanski
is|Icelandic|islandais|islandés|الأيسلندية|islandês|Isländisch|islandese|исландский|冰岛语|íslenska
ga|Irish|irlandais|irlandés|الأيرلندية|irlandês|Irisch|irlandese|ирландский|爱尔兰语|Gaeilge
cy|Welsh|gallois|galés|الويلزية|galês|Walisisch|gallese|валлийский|威尔士语|Cymraeg
eu|Basque|basque|euskera|الباسكية|basco|Baskisch|basco|баскский|巴斯克语|euskara
gl|Galician|galicien|gallego|الجاليكية|galego|Galicisch|galiziano|галисийский|加利西亚语|galego
lb|Luxembourgish|luxembourgeois|luxemburgués|اللكسمبورغية|luxemburguês|Luxemburgisch|lussemburghese|люксембургский|卢森堡语|Lëtzebuergesch
mt|Maltese|maltais|maltés|المالطية|maltês|Maltesisch|maltese|мальтийский|马耳他语|Malti
ps|Pashto|pachto|pastún|البشتو|pashto|Paschtu|pashto|пушту|普什图语|پښتو
ku|Kurdish|kurde|kurdo|الكردية|curdo|Kurdisch|curdo|курдский|库尔德语|kurdî (kurmancî)
rw|Kinyarwanda|kinyarwanda|kinyarwanda|الكينيارواندا|quiniaruanda|Kinyarwanda|kinyarwanda|киньяруанда|卢旺达语|Ikinyarwanda
mg|Malagasy|malgache|malgache|الملغاشي|malgaxe|Malagasy|malgascio|малагасийский|马拉加斯语|Malagasy
ny|Nyanja|chewa|nyanja|النيانجا|nianja|Nyanja|nyanja|ньянджа|齐切瓦语|Nyanja
ln|Lingala|lingala|lingala|اللينجالا|lingala|Lingala|lingala|лингала|林加拉语|lingála
wo|Wolof|wolof|wólof|الولوفية|uolofe|Wolof|wolof|волоф|沃洛夫语|Wolof
ff|Fula|peul|fula|الفولانية|fula|Ful|fulah|фулах|富拉语|Pulaar";
