# Finding messages in French: the record checks a person or mediator is most likely to read.
# Codes without a message here fall back to English (see core/src/l10n). Written by the Attesta
# i18n helper; native-speaker review pending.

structure-missing_field = Le champ obligatoire '{ $field }' est absent.
structure-unknown_field = Champ inconnu '{ $field }' ; champs attendus : { $expected }.
format-invalid_date = Date non valide ; utilisez AAAA, AAAA-MM ou AAAA-MM-JJ.
format-invalid_country = Ce n'est pas un code pays ISO 3166-1 alpha-2 (en majuscules, p. ex. 'IT').
format-invalid_language = Ce n'est pas un code de langue ISO 639-1 (en minuscules, p. ex. 'it').
format-invalid_fiscal_code = Le code fiscal (codice fiscale) n'est pas bien formé.
person-birth_date_in_future = La date de naissance est postérieure à la date de référence { $reference_date }.
person-duplicate_language = La langue '{ $language }' figure plusieurs fois.
person-language_without_level = La langue '{ $language }' n'a aucun niveau du CECR.
experience-end_before_start = La période se termine ({ $end }) avant de commencer ({ $start }).
experience-future_date = La date { $date } est postérieure à la date de référence { $reference_date }.
experience-no_description = L'expérience n'indique ni fonction ni tâches.
experience-context_kind_mismatch = Une expérience de type '{ $kind }' relève rarement d'un apprentissage '{ $context }' ; vérifiez le contexte.
evidence-not_linked = La pièce justificative n'est liée à aucune expérience ni à aucune compétence déclarée.
evidence-self_issued = La pièce '{ $evidence }' a été établie par la personne elle-même ; il faut la corroborer.
evidence-foreign_without_translation = La pièce '{ $evidence }' est en '{ $language }' et n'a pas de traduction.
evidence-outdated = { $years ->
    [one] La pièce '{ $evidence }' date d'un an (limite { $limit }).
   *[other] La pièce '{ $evidence }' date de { $years } ans (limite { $limit }).
}
claim-unsupported = La compétence déclarée n'est liée à aucune expérience ni à aucune pièce.
report-findings_omitted = { $omitted ->
    [one] { $omitted } autre constat a été omis de ce rapport (limite { $limit }).
   *[other] { $omitted } autres constats ont été omis de ce rapport (limite { $limit }).
}
reference-alias_code = '{ $code }' est un ancien code ; le code actuel est '{ $current }'.
claim-framework_version_mismatch = La compétence déclarée cite la version '{ $claimed }' mais la version chargée est '{ $loaded }'.
claim-unknown_framework = Aucun référentiel chargé ne fournit le schéma '{ $scheme }'.
evidence-self_issued_with_issuer = La pièce est établie par la personne elle-même mais nomme un émetteur.
evidence-doubtful_authenticity = L'authenticité de la pièce '{ $evidence }' est douteuse.
evidence-not_pertinent = La pièce '{ $evidence }' ne se rapporte à rien dans la qualification visée.
experience-missing_course_data = Apprentissage formel sans '{ $field }' : les documents ne peuvent pas être délivrés avant qu'il soit enregistré.
format-invalid_hash = Une empreinte SHA-256 compte 64 caractères hexadécimaux en minuscules.
format-invalid_media_type = Ce n'est pas un type de média de la forme type/sous-type (p. ex. 'application/pdf').
