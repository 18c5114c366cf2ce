package booking

import (
	"time"

	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/i18n"
)

// RuleText says in lang which rule of the room refuses the organisation and, for the rules
// compact and partners, why: a withdrawn signature and when, the premises-sharing agreement
// that ended or is yet to begin, or that none covers the room. The API's problem detail and
// the pages say the same, because both call this.
func RuleText(lang i18n.Lang, re *RuleError) string {
	s := i18n.T(lang, "booking.rule."+re.Rule)
	if r := reasonText(lang, re); r != "" {
		s += " " + r
	}
	return s
}

// reasonText is the second half of RuleText: why this organisation, or "" when the rule
// says it all.
func reasonText(lang i18n.Lang, re *RuleError) string {
	var on string
	if re.On != nil {
		on = re.On.Format(time.DateOnly)
	}
	switch re.Reason {
	case "":
		return ""
	case agreement.SignatureWithdrawn, agreement.AgreementNotStarted:
		if on == "" {
			break
		}
		if re.Agreement == "" {
			return i18n.T(lang, "booking.reason."+re.Reason, on)
		}
		return i18n.T(lang, "booking.reason."+re.Reason, re.Agreement, on)
	case agreement.AgreementEnded:
		if on == "" {
			return i18n.T(lang, "booking.reason.agreement_ended_undated", re.Agreement)
		}
		return i18n.T(lang, "booking.reason.agreement_ended", re.Agreement, on)
	}
	return i18n.T(lang, "booking.reason."+re.Reason)
}
