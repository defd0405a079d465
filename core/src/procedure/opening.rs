//! Opening a case: the engine fills in what the opener may not choose — the frameworks
//! (stamps), the rules and the titolare profile they come from, and for a person who comes
//! back, the earlier case it continues with the credits taken from it.

use std::sync::Arc;

use super::continuation::{continuation, may_continue};
use super::target::Target;
use super::{allowed_in, machine, stamps_of, Action, ActionKind, Case, Refusal, RefusalReason};
use crate::codes::Code;
use crate::framework::FrameworkSet;

fn refuse(message: &str) -> Refusal {
    Refusal {
        action: ActionKind::OpenCase,
        phase: None,
        allowed: allowed_in(None).to_vec(),
        reason: RefusalReason::InvalidPayload {
            message: message.to_owned(),
        },
    }
}

impl Case {
    /// Opens a case with an `open_case` action (event 0). The engine records in it the
    /// frameworks of `frameworks` (id, version, checksum), and the rules of the titolare
    /// profile of `frameworks` ([`FrameworkSet::titolare_profile`]) with the profile's stamp.
    ///
    /// # Errors
    /// A [`Refusal`] when the action is not `open_case`, carries `frameworks`, `config`,
    /// `profile` or `continues` itself, the profile is for another titolare than the ente's,
    /// the actor may not open cases, the target is not a qualification of `frameworks` or
    /// outside the titolare's repertoires, or the record has errors.
    pub fn open(
        frameworks: Arc<FrameworkSet>,
        at: &str,
        actor: &str,
        action: &Action,
    ) -> Result<Case, Refusal> {
        Self::open_linked(frameworks, at, actor, action, None)
    }

    /// Opens a case for a person who comes back after `earlier` ended: as [`open`](Self::open),
    /// and the case records the earlier case (id and head) and takes its Documento di
    /// validazione, Certificato and credits as credits for the UCs its target shares. The
    /// earlier case is not changed.
    ///
    /// # Errors
    /// As [`open`](Self::open), and when `earlier` is still running or is another person's.
    pub fn continue_from(
        frameworks: Arc<FrameworkSet>,
        earlier: &Case,
        at: &str,
        actor: &str,
        action: &Action,
    ) -> Result<Case, Refusal> {
        Self::open_linked(frameworks, at, actor, action, Some(earlier))
    }

    fn open_linked(
        frameworks: Arc<FrameworkSet>,
        at: &str,
        actor: &str,
        action: &Action,
        earlier: Option<&Case>,
    ) -> Result<Case, Refusal> {
        let stamped;
        let action = match action {
            Action::OpenCase(open) => {
                if !open.frameworks.is_empty()
                    || open.config.is_some()
                    || open.profile.is_some()
                    || open.continues.is_some()
                {
                    return Err(refuse(
                        "'frameworks', 'config', 'profile' and 'continues' are filled by the \
                         engine from the loaded frameworks, titolare profile and earlier case, \
                         not by the opener",
                    ));
                }
                let profile = frameworks.titolare_profile();
                if profile.titolare != open.ente.titolare.name {
                    return Err(Refusal {
                        reason: RefusalReason::Rule {
                            code: Code::ProcedureProfileOtherTitolare,
                            message: format!(
                                "the loaded titolare profile '{}' is not for the ente's titolare",
                                profile.id
                            ),
                        },
                        ..refuse("")
                    });
                }
                let mut open = open.clone();
                open.frameworks = stamps_of(&frameworks)
                    .map_err(|_| refuse("the loaded frameworks cannot be encoded"))?;
                open.config = Some(profile.procedure.clone());
                open.profile = Some(profile.stamp());
                if let Some(earlier) = earlier {
                    let before = earlier.state();
                    if before.record.person.id != open.record.person.id {
                        return Err(refuse("the earlier case is another person's"));
                    }
                    if !may_continue(before.phase) {
                        return Err(refuse(
                            "the earlier case is still running; act on it instead",
                        ));
                    }
                    let target = Target::resolve(&frameworks, &open.target);
                    open.continues = target.map(|t| continuation(before, &t));
                }
                stamped = Action::OpenCase(open);
                &stamped
            }
            other => other,
        };
        let state = machine::apply(None, &frameworks, 0, at, actor, action)?;
        let mut case = Case {
            frameworks,
            events: Vec::new(),
            state,
            pending: None,
        };
        case.seal(at, actor, action)?;
        Ok(case)
    }
}
