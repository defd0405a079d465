# Procedure phases and outcomes (phase-*), UC decisions (unit_outcome-*) and item results
# (item_outcome-*).

phase-accoglienza = Accoglienza
phase-identificazione = Identificazione e messa in trasparenza
phase-valutazione = Valutazione
phase-attestazione = Attestazione
phase-certificazione = Certificazione
phase-closed_after_trasparenza = Concluso con il Documento di trasparenza
phase-withdrawn = Ritirato
phase-referred = Inviato ad altro servizio
phase-validated = Validato
phase-certified = Certificato
unit_outcome-validated = Validata
unit_outcome-not_validated = Non validata
item_outcome-passed = Superato
item_outcome-failed = Non superato
