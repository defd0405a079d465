# Procedure phases and outcomes (phase-*), UC decisions (unit_outcome-*) and item results
# (item_outcome-*). Written by the Attesta i18n helper; native-speaker review pending.

phase-accoglienza = অভ্যর্থনা
phase-identificazione = শনাক্তকরণ ও স্বচ্ছতা
phase-valutazione = মূল্যায়ন
phase-attestazione = প্রত্যয়ন
phase-certificazione = সনদায়ন
phase-closed_after_trasparenza = স্বচ্ছতা নথির পর সমাপ্ত
phase-withdrawn = প্রত্যাহার
phase-referred = অন্য সেবায় পাঠানো হয়েছে
phase-validated = যাচাইকৃত
phase-certified = সনদপ্রাপ্ত
unit_outcome-validated = যাচাইকৃত
unit_outcome-not_validated = যাচাইকৃত নয়
item_outcome-passed = প্রদর্শিত
item_outcome-failed = প্রদর্শিত নয়
