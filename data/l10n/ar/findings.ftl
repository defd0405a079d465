# Finding messages in Arabic: the record checks a person or mediator is most likely to read.
# Codes without a message here fall back to English (see core/src/l10n). Written by the Attesta
# i18n helper; native-speaker review pending.

structure-missing_field = الحقل الإلزامي '{ $field }' مفقود.
structure-unknown_field = الحقل '{ $field }' غير معروف؛ الحقول المسموح بها: { $expected }.
format-invalid_date = التاريخ غير صالح؛ استخدم الصيغة YYYY أو YYYY-MM أو YYYY-MM-DD.
format-invalid_country = ليس رمز بلد وفق ISO 3166-1 alpha-2 (بأحرف كبيرة، مثل 'IT').
format-invalid_language = ليس رمز لغة وفق ISO 639-1 (بأحرف صغيرة، مثل 'it').
format-invalid_fiscal_code = الرمز الضريبي (codice fiscale) غير مكتوب بشكل صحيح.
person-birth_date_in_future = تاريخ الميلاد لاحق للتاريخ المرجعي { $reference_date }.
person-duplicate_language = اللغة '{ $language }' مذكورة أكثر من مرة.
person-language_without_level = اللغة '{ $language }' بلا أي مستوى وفق الإطار الأوروبي المرجعي للغات.
experience-end_before_start = تنتهي الفترة ({ $end }) قبل أن تبدأ ({ $start }).
experience-future_date = التاريخ { $date } لاحق للتاريخ المرجعي { $reference_date }.
experience-no_description = لا تذكر الخبرة أي دور أو مهام.
experience-context_kind_mismatch = نادرًا ما تكون خبرة من نوع '{ $kind }' تعلّمًا من نوع '{ $context }'؛ تحقّق من السياق.
evidence-not_linked = الدليل غير مرتبط بأي خبرة أو كفاءة مصرَّح بها.
evidence-self_issued = الدليل '{ $evidence }' صادر عن الشخص نفسه؛ يلزم ما يعزّزه.
evidence-foreign_without_translation = الدليل '{ $evidence }' مكتوب باللغة '{ $language }' وليست له ترجمة.
evidence-outdated = { $years ->
    [zero] الدليل '{ $evidence }' عمره أقل من سنة (الحد { $limit }).
    [one] الدليل '{ $evidence }' عمره سنة واحدة (الحد { $limit }).
    [two] الدليل '{ $evidence }' عمره سنتان (الحد { $limit }).
    [few] الدليل '{ $evidence }' عمره { $years } سنوات (الحد { $limit }).
    [many] الدليل '{ $evidence }' عمره { $years } سنةً (الحد { $limit }).
   *[other] الدليل '{ $evidence }' عمره { $years } سنة (الحد { $limit }).
}
claim-unsupported = الكفاءة المصرَّح بها غير مرتبطة بأي خبرة أو دليل.
report-findings_omitted = { $omitted ->
    [one] حُذفت ملاحظة واحدة أخرى من هذا التقرير (الحد { $limit }).
    [two] حُذفت ملاحظتان أخريان من هذا التقرير (الحد { $limit }).
    [few] حُذفت { $omitted } ملاحظات أخرى من هذا التقرير (الحد { $limit }).
    [many] حُذفت { $omitted } ملاحظةً أخرى من هذا التقرير (الحد { $limit }).
   *[other] حُذفت { $omitted } ملاحظة أخرى من هذا التقرير (الحد { $limit }).
}
reference-alias_code = '{ $code }' رمز قديم؛ الرمز الحالي هو '{ $current }'.
claim-framework_version_mismatch = تذكر الكفاءة المصرَّح بها الإصدار '{ $claimed }' لكن الإصدار المحمَّل هو '{ $loaded }'.
claim-unknown_framework = لا يوفّر أيّ إطار محمَّل المخطط '{ $scheme }'.
evidence-self_issued_with_issuer = الدليل صادر عن الشخص نفسه لكنه يذكر جهة مُصدِرة.
evidence-doubtful_authenticity = الدليل '{ $evidence }' مشكوك في صحته.
evidence-not_pertinent = الدليل '{ $evidence }' لا يتعلق بأي شيء في المؤهل المستهدف.
experience-missing_course_data = تعلّم نظامي بلا '{ $field }': لا يمكن إصدار الوثائق قبل تسجيله.
format-invalid_hash = بصمة SHA-256 تتكوّن من 64 حرفًا سداسيًّا عشريًّا بأحرف صغيرة.
format-invalid_media_type = ليس نوع وسائط بالصيغة type/subtype (مثل 'application/pdf').
