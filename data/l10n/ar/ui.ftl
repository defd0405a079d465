# The command line's own words. Written by the Attesta i18n helper; native-speaker review pending.
# Arabic has six CLDR plural categories; each count message uses all of them.

valid = صالح
invalid = غير صالح
record = (السجل)
severity-error = خطأ
severity-warning = تحذير
severity-info = ملاحظة
count-errors = { $count ->
    [zero] لا أخطاء
    [one] خطأ واحد
    [two] خطآن
    [few] { $count } أخطاء
    [many] { $count } خطأً
   *[other] { $count } خطأ
}
count-warnings = { $count ->
    [zero] لا تحذيرات
    [one] تحذير واحد
    [two] تحذيران
    [few] { $count } تحذيرات
    [many] { $count } تحذيرًا
   *[other] { $count } تحذير
}
count-infos = { $count ->
    [zero] لا ملاحظات
    [one] ملاحظة واحدة
    [two] ملاحظتان
    [few] { $count } ملاحظات
    [many] { $count } ملاحظةً
   *[other] { $count } ملاحظة
}
files-summary = { $total } ملفات: { $valid } صالحة، { $invalid } غير صالحة، { $failed } لم تُقيَّم
phase = المرحلة
messages-in = الرسائل باللغة { $locale }؛ الرموز بين القوسين هي نفسها في كل اللغات.
