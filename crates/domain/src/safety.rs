//! The signs that mean seeing a clinician rather than exercising: one list,
//! shown by the app, `limber programme show`, the printed report and the
//! README alike.

/// The red flags, in the words every screen and command uses.
pub const RED_FLAGS: &[&str] = &[
    "loss of bladder or bowel control, or new trouble passing urine",
    "numbness or tingling around the groin, buttocks or inner thighs",
    "new or worsening weakness in a leg or foot",
    "fever, or feeling generally unwell, with back pain",
    "back pain after a fall, a car accident or another injury",
    "weight loss you cannot explain",
    "pain at night that rest and changing position do not ease",
];
