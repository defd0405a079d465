# Procedure phases and outcomes (phase-*), UC decisions (unit_outcome-*) and item results
# (item_outcome-*). Written by the Attesta i18n helper; native-speaker review pending.

phase-accoglienza = استقبال
phase-identificazione = شناخت اور شفافیت
phase-valutazione = جانچ
phase-attestazione = تصدیق
phase-certificazione = سند کا اجرا
phase-closed_after_trasparenza = شفافیت کی دستاویز کے بعد بند
phase-withdrawn = دستبرداری
phase-referred = کسی اور سروس کے حوالے
phase-validated = توثیق شدہ
phase-certified = سند یافتہ
unit_outcome-validated = توثیق شدہ
unit_outcome-not_validated = غیر توثیق شدہ
item_outcome-passed = ثابت کیا
item_outcome-failed = ثابت نہیں کیا
