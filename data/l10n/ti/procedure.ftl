# Procedure phases and outcomes (phase-*), UC decisions (unit_outcome-*) and item results
# (item_outcome-*). Written by the Attesta i18n helper; native-speaker review pending.

phase-accoglienza = ምቕባል
phase-identificazione = ምልላይን ግሉጽነትን
phase-valutazione = ገምጋም
phase-attestazione = ምስክርነት
phase-certificazione = ምርግጋጽ ምስክር ወረቐት
phase-closed_after_trasparenza = ድሕሪ ሰነድ ግሉጽነት ተዓጽዩ
phase-withdrawn = ወጺኡ
phase-referred = ናብ ካልእ ኣገልግሎት ተመሓላሊፉ
phase-validated = ተረጋጊጹ
phase-certified = ምስክር ወረቐት ተዋሂቡ
unit_outcome-validated = ተረጋጊጻ
unit_outcome-not_validated = ኣይተረጋገጸትን
item_outcome-passed = ተራእዩ
item_outcome-failed = ኣይተራእየን
