# The command line's own words.

valid = valid
invalid = invalid
record = (record)
severity-error = error
severity-warning = warning
severity-info = info
count-errors = { $count ->
    [one] { $count } error
   *[other] { $count } errors
}
count-warnings = { $count ->
    [one] { $count } warning
   *[other] { $count } warnings
}
count-infos = { $count ->
    [one] { $count } info
   *[other] { $count } infos
}
files-summary = { $total } files: { $valid } valid, { $invalid } invalid, { $failed } not evaluated
phase = Phase
messages-in = Messages in { $locale }; the codes in brackets are the same in every language.
