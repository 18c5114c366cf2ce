package account

import "github.com/borasstad/lokalbanken/internal/fault"

// Errors returned by the service; every one wraps a fault kind.
var (
	ErrUserNotFound       = fault.New(fault.NotFound, "user_not_found")
	ErrTokenNotFound      = fault.New(fault.NotFound, "token_not_found")
	ErrMembershipNotFound = fault.New(fault.NotFound, "membership_not_found")
	// ErrInvitationForOther refuses a signed-in person an invitation sent to another address.
	ErrInvitationForOther = fault.New(fault.Forbidden, "invitation_for_other")
	// ErrBadCredentials is the one answer to a failed login, whether the address is unknown
	// or the password wrong, so that the answer does not tell which addresses have accounts.
	ErrBadCredentials = fault.New(fault.Unauthenticated, "bad_credentials")
	ErrSessionExpired = fault.New(fault.Unauthenticated, "session_expired")
	ErrBadToken       = fault.New(fault.Unauthenticated, "bad_token")
	// ErrLinkInvalid is the answer for a one-time link that is unknown, used or expired.
	ErrLinkInvalid = fault.New(fault.NotFound, "link_invalid")
	// ErrLastAdmin refuses a change that would leave an organisation without an admin.
	ErrLastAdmin = fault.New(fault.Conflict, "last_admin")
	// ErrLastCityAdmin refuses a change that would leave the city without an administrator:
	// deleting the last one or taking the role from them.
	ErrLastCityAdmin = fault.New(fault.Conflict, "last_city_admin")
	// ErrThrottled is what a *ThrottledError unwraps to. Its kind is Unauthenticated so that
	// an edge that does not know ThrottledError still refuses the login; edges should answer
	// 429 Too Many Requests with Retry-After (see ThrottledError).
	ErrThrottled = fault.New(fault.Unauthenticated, "login_throttled")

	errDuplicateEmail = fault.FieldErrors{{Field: "email", Code: "duplicate"}}
	errWrongPassword  = fault.FieldErrors{{Field: "current_password", Code: "wrong_password"}}
)
