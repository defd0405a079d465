# Procedure phases and outcomes (phase-*), UC decisions (unit_outcome-*) and item results
# (item_outcome-*). Written by the Attesta i18n helper; native-speaker review pending.

phase-accoglienza = پذیرش
phase-identificazione = شناسایی و شفاف‌سازی
phase-valutazione = ارزیابی
phase-attestazione = تصدیق‌دهی
phase-certificazione = صدور تصدیق‌نامه
phase-closed_after_trasparenza = بسته‌شده پس از سند شفافیت
phase-withdrawn = انصراف
phase-referred = راجع به خدمت دیگر
phase-validated = تأییدشده
phase-certified = تصدیق‌شده
unit_outcome-validated = تأییدشده
unit_outcome-not_validated = تأییدنشده
item_outcome-passed = نشان داده شد
item_outcome-failed = نشان داده نشد
