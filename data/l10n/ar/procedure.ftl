# Procedure phases and outcomes (phase-*), UC decisions (unit_outcome-*) and item results
# (item_outcome-*). Written by the Attesta i18n helper; native-speaker review pending.

phase-accoglienza = الاستقبال
phase-identificazione = التحديد والشفافية
phase-valutazione = التقييم
phase-attestazione = الإشهاد
phase-certificazione = التصديق
phase-closed_after_trasparenza = أُغلق بعد وثيقة الشفافية
phase-withdrawn = انسحاب
phase-referred = أُحيل إلى خدمة أخرى
phase-validated = معترف به
phase-certified = مصدَّق
unit_outcome-validated = معترف بها
unit_outcome-not_validated = غير معترف بها
item_outcome-passed = تم إثباته
item_outcome-failed = لم يتم إثباته
