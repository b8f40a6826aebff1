"""Short everyday texts in the languages legacy code pages were made for, written for these tests.

Each is a few sentences of ordinary prose (a weather report, a town notice) using the letters its
language needs, so that encoding it into a code page of that language gives the kind of file such
code pages hold. Kept apart from the corpora in ``../shared``, which tests may read but never copy.
"""

from __future__ import annotations

FRENCH = (
    "Hier soir, une forte pluie est tombée sur la ville et beaucoup d'habitants n'ont pas pu rentrer "
    "chez eux à temps. Les météorologues promettent que le temps s'améliorera d'ici la fin de la "
    "semaine, et que la température montera jusqu'à vingt degrés. Le maire a remercié les équipes "
    "qui ont travaillé toute la nuit : « Ça n'a pas été facile, mais nous y sommes arrivés. »"
)
GERMAN = (
    "Gestern Abend hat es in der Stadt stark geregnet, und viele Einwohner konnten nicht rechtzeitig "
    "nach Hause kommen. Die Meteorologen versprechen, dass sich das Wetter bis zum Wochenende "
    "bessert und die Temperatur auf zwanzig Grad steigt. Die städtischen Dienste arbeiteten die "
    "ganze Nacht, um die Straßen vom Wasser zu befreien; für Schäden übernimmt die Gemeinde keine Gewähr."
)
SPANISH = (
    "Ayer por la noche llovió con fuerza en la ciudad y muchos vecinos no pudieron volver a casa a "
    "tiempo. ¿Cuándo mejorará el tiempo? Según los meteorólogos, el fin de semana la temperatura "
    "subirá hasta los veinte grados. Los servicios municipales trabajaron toda la noche para limpiar "
    "las calles, y el alcalde agradeció su esfuerzo a los vecinos del barrio más afectado."
)
PORTUGUESE = (
    "Ontem à noite choveu muito na cidade e vários moradores não conseguiram voltar para casa a "
    "tempo. Os meteorologistas prometem que o tempo vai melhorar até ao fim de semana e que a "
    "temperatura subirá até aos vinte graus. Os serviços da câmara trabalharam durante toda a noite "
    "para limpar as ruas, e a população agradeceu a atenção e a dedicação das equipas."
)
ICELANDIC = (
    "Í gærkvöldi rigndi mikið í borginni og margir íbúar komust ekki heim á réttum tíma. "
    "Veðurfræðingar segja að veðrið batni fyrir helgina og að hitinn fari upp í tuttugu gráður. "
    "Starfsmenn borgarinnar unnu alla nóttina við að hreinsa göturnar, og bæjarstjórinn þakkaði "
    "þeim fyrir dugnaðinn á fundi í morgun."
)
DANISH = (
    "I går aftes regnede det kraftigt i byen, og mange beboere kunne ikke nå hjem i tide. "
    "Meteorologerne lover, at vejret bliver bedre inden weekenden, og at temperaturen stiger til "
    "tyve grader. Kommunens folk arbejdede hele natten for at rydde gaderne for vand, og borgmesteren "
    "takkede dem på mødet i morges for den store indsats."
)
NORWEGIAN = (
    "I går kveld regnet det kraftig i byen, og mange av innbyggerne rakk ikke hjem i tide. "
    "Meteorologene lover at været blir bedre før helgen, og at temperaturen stiger til tjue grader. "
    "Kommunens ansatte jobbet hele natten for å fjerne vannet fra gatene, og ordføreren takket dem "
    "for innsatsen på møtet i dag tidlig."
)
TURKISH = (
    "Dün akşam şehirde şiddetli yağmur yağdı ve birçok sakin zamanında evine ulaşamadı. Meteoroloji "
    "uzmanları hafta sonuna kadar havanın düzeleceğini ve sıcaklığın yirmi dereceye çıkacağını "
    "söylüyor. Belediye ekipleri sokakları temizlemek için bütün gece çalıştı; başkan, gösterdikleri "
    "özveri için çalışanlara teşekkür etti."
)
POLISH = (
    "Wczoraj wieczorem w mieście mocno padało i wielu mieszkańców nie zdążyło wrócić do domu na "
    "czas. Synoptycy obiecują, że do weekendu pogoda się poprawi, a temperatura wzrośnie do "
    "dwudziestu stopni. Służby miejskie pracowały całą noc, żeby oczyścić ulice z wody, a burmistrz "
    "podziękował im za ogromny wysiłek."
)
CZECH = (
    "Včera večer ve městě silně pršelo a mnoho obyvatel se nemohlo včas dostat domů. Meteorologové "
    "slibují, že se počasí do víkendu zlepší a teplota vystoupá na dvacet stupňů. Městské služby "
    "pracovaly celou noc, aby vyčistily ulice od vody, a starosta jim za jejich úsilí poděkoval."
)
ROMANIAN = (
    "Aseară a plouat puternic în oraș și mulți locuitori nu au putut ajunge acasă la timp. "
    "Meteorologii spun: „vremea se schimbă”, și promit că se va îmbunătăți până la sfârșitul "
    "săptămânii, iar temperatura va urca până la douăzeci de grade. Echipele primăriei au lucrat "
    "toată noaptea pentru a curăța străzile, iar primarul le-a mulțumit pentru efortul depus."
)
LITHUANIAN = (
    "Vakar vakare mieste smarkiai lijo, ir daug gyventojų negalėjo laiku grįžti namo. Sinoptikai "
    "žada, kad iki savaitgalio orai pagerės, o temperatūra pakils iki dvidešimties laipsnių. Miesto "
    "tarnybos visą naktį dirbo, kad išvalytų gatves nuo vandens, o meras padėkojo darbuotojams už "
    "jų pastangas."
)
LATVIAN = (
    "Vakar vakarā pilsētā stipri lija, un daudzi iedzīvotāji nevarēja laikus nokļūt mājās. "
    "Sinoptiķi sola, ka līdz nedēļas nogalei laiks uzlabosies un temperatūra pakāpsies līdz "
    "divdesmit grādiem. Pilsētas dienesti visu nakti strādāja, lai attīrītu ielas no ūdens, un mērs "
    "pateicās darbiniekiem par viņu pūlēm."
)
ESTONIAN = (
    "Eile õhtul sadas linnas tugevalt vihma ja paljud elanikud ei jõudnud õigel ajal koju. "
    "Ilmateadlased lubavad, et nädalavahetuseks ilm paraneb ja temperatuur tõuseb kahekümne "
    "kraadini. Linna töötajad tegid terve öö tööd, et tänavad veest puhastada, ja linnapea tänas "
    "neid nende pingutuse eest."
)
RUSSIAN = (
    "Вчера вечером в городе прошёл сильный дождь, и многие жители не смогли вовремя добраться "
    "домой. Синоптики обещают, что к выходным погода улучшится, а температура поднимется до "
    "двадцати градусов. Городские службы работали всю ночь, чтобы очистить улицы от воды, и мэр "
    "поблагодарил их за работу."
)
UKRAINIAN = (
    "Учора ввечері в місті пройшла сильна злива, і багато мешканців не змогли вчасно дістатися "
    "додому. Синоптики обіцяють, що до вихідних погода покращиться, а температура підніметься до "
    "двадцяти градусів. Міські служби працювали всю ніч, щоб очистити вулиці від води, і мер подякував "
    "їм за сумлінну працю. Ґанок ратуші також відремонтують."
)
KAZAKH = (
    "Кеше кешке қалада қатты жаңбыр жауып, көптеген тұрғындар үйлеріне уақытында жете алмады. "
    "Синоптиктер демалыс күндеріне дейін ауа райы жақсарып, температура жиырма градусқа дейін "
    "көтеріледі деп уәде етуде. Қалалық қызметтер көшелерді судан тазарту үшін түні бойы жұмыс "
    "істеді, ал әкім оларға алғысын білдірді."
)
GREEK = (
    "Χθες το βράδυ έβρεξε δυνατά στην πόλη και πολλοί κάτοικοι δεν μπόρεσαν να γυρίσουν σπίτι "
    "τους εγκαίρως. Οι μετεωρολόγοι υπόσχονται ότι ο καιρός θα βελτιωθεί μέχρι το Σαββατοκύριακο "
    "και η θερμοκρασία θα ανέβει στους είκοσι βαθμούς. Τα συνεργεία του δήμου δούλεψαν όλη τη νύχτα."
)
HEBREW = (
    "אתמול בערב ירד גשם חזק בעיר ותושבים רבים לא הצליחו להגיע הביתה בזמן. החזאים מבטיחים שמזג "
    "האוויר ישתפר עד סוף השבוע והטמפרטורה תעלה לעשרים מעלות. עובדי העירייה עבדו כל הלילה כדי "
    "לנקות את הרחובות, וראש העיר הודה להם על המאמץ."
)
ARABIC = (
    "هطلت أمطار غزيرة على المدينة مساء أمس ولم يتمكن كثير من السكان من العودة إلى منازلهم في "
    "الوقت المحدد. ويتوقع خبراء الأرصاد أن يتحسن الطقس قبل نهاية الأسبوع وأن ترتفع درجة الحرارة "
    "إلى عشرين درجة. وعملت فرق البلدية طوال الليل لتنظيف الشوارع من المياه."
)
ESPERANTO = (
    "Hieraŭ vespere forte pluvis en la urbo, kaj multaj loĝantoj ne povis ĝustatempe reveni hejmen. "
    "La meteologoj promesas, ke la vetero pliboniĝos ĝis la semajnfino kaj ke la temperaturo "
    "altiĝos ĝis dudek gradoj. La urbaj servoj laboris la tutan nokton por purigi la stratojn, kaj "
    "la urbestro dankis ilin pro ilia ŝvito kaj ĉiuj klopodoj."
)
MALTESE = (
    "Il-bieraħ filgħaxija għamlet ħafna xita fil-belt u ħafna residenti ma setgħux jaslu d-dar fil-ħin. "
    "Il-meteoroloġi jwiegħdu li t-temp se jitjieb sal-aħħar tal-ġimgħa u li t-temperatura se togħla "
    "sa għoxrin grad. Il-ħaddiema tal-kunsill ħadmu l-lejl kollu biex inaddfu t-toroq."
)
WELSH = (
    "Neithiwr bu'n bwrw glaw yn drwm yn y dref ac ni allai llawer o drigolion gyrraedd adref mewn "
    "pryd. Mae'r rhagolygon yn addo y bydd y tywydd yn gwella erbyn y penwythnos ac y bydd y tymheredd "
    "yn codi i ugain gradd. Bu gweithwyr y cyngor wrthi drwy'r nos yn clirio'r strydoedd, a diolchodd "
    "y maer iddynt am eu hymdrech. Mae'r ŵyl yn parhau ddydd Sadwrn, a bydd y tŷ bwyta ar agor; "
    "cafodd y ŷd ei gynaeafu'n gynnar eleni, meddai'r ffermwr wrth y gŵr o Ŵyr."
)
NORTHERN_SAMI = (
    "Ikte eahkes arvvii garrasit gávpogis, ja máŋga ássi eai beassan áiggil ruovttoluotta. "
    "Dálkedieđalaččat lohpidit ahte dálki buorrána ovdal vahkkoloahpa, ja ahte temperatuvra loktana "
    "guoktelogi gráda rádjái. Gávpoga bargit barge olles ija buhtistit geainnuid čázis, ja "
    "sátnejođiheaddji giitii sin ŋoahkkáskuvvama ovddas."
)
FINNISH = (
    "Eilen illalla kaupungissa satoi rankasti, eivätkä monet asukkaat päässeet ajoissa kotiin. "
    "Meteorologit lupaavat, että sää paranee viikonloppuun mennessä ja lämpötila nousee "
    "kahteenkymmeneen asteeseen. Kaupungin työntekijät tekivät töitä koko yön puhdistaakseen kadut "
    "vedestä, ja pormestari kiitti heitä ahkeruudesta."
)
JAPANESE = (
    "昨日の夜、町では強い雨が降り、多くの住民が時間通りに家に帰ることができませんでした。"
    "気象予報士によると、週末までに天気は回復し、気温は二十度まで上がるそうです。"
    "市の職員は一晩中働いて、道路から水を取り除きました。市長は職員の努力に感謝しました。"
)
CHINESE = (
    "昨天晚上，城市里下了一场大雨，许多居民没能按时回家。气象专家表示，到周末天气将会好转，"
    "气温将升至二十度。市政部门的工作人员整夜工作，清理街道上的积水。市长感谢了他们的辛勤付出。"
)
KOREAN = (
    "어제 저녁 도시에 폭우가 내려 많은 주민들이 제시간에 집에 돌아가지 못했습니다. 기상 전문가들은 "
    "주말까지 날씨가 좋아지고 기온이 이십 도까지 오를 것이라고 말했습니다. 시청 직원들은 밤새 "
    "거리의 물을 치웠고, 시장은 그들의 노고에 감사를 표했습니다."
)
