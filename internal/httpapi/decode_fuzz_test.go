package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/booking"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/organisation"
	"github.com/borasstad/lokalbanken/internal/validation"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// decodeTarget is a body type of a route and the members that route ignores.
type decodeTarget struct {
	new      func() any
	readOnly []string
}

// decodeTargets are body types of the API with strings, numbers, booleans, pointers,
// nested objects, arrays and embedded structs between them.
var decodeTargets = []decodeTarget{
	{func() any { return new(bookingInput) }, bookingReadOnly},
	{func() any { return new(venue.VenueInput) }, venueReadOnly},
	{func() any { return new(venue.RoomInput) }, roomReadOnly},
	{func() any { return new(organisation.Input) }, organisationReadOnly},
	{func() any { return new(agreementBody) }, agreementReadOnly},
	{func() any { return new(agreement.SignInput) }, signatoryReadOnly},
	{func() any { return new(booking.RulesInput) }, rulesReadOnly},
	{func() any { return new(moveInput) }, nil},
	{func() any { return new(newUserInput) }, nil},
	{func() any { return new(bookingStatusInput) }, nil},
}

// decodeBody runs decodeJSON over body as a request with the content type would.
func decodeBody(contentType string, body []byte, dst any, readOnly []string) error {
	c, _ := gin.CreateTestContext(httptest.NewRecorder())
	c.Request = httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
	c.Request.Header.Set("Content-Type", contentType)
	return decodeJSON(c, dst, readOnly...)
}

// FuzzDecodeJSON: whatever a client sends, decodeJSON does not panic, and it either fills
// the body type, with clean text only (validation.CleanText) and a value that survives being
// encoded and decoded again, or refuses with an Invalid error (400 or 422, never a 500) whose
// field errors each have a message in Swedish and English.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{
		`{"room_id":1,"organisation_id":2,"title":"Möte","purpose":"rad ett\nrad två","attendees":12,"public":true,"starts_at":"2026-03-29T10:00:00+02:00","ends_at":"2026-03-29T12:00:00+02:00","recurrence":{"rrule":"FREQ=WEEKLY;COUNT=3"}}`,
		`{"owner_id":1,"name":"Huset","street_address":"Storgatan 1","postal_code":"50335","town":"Borås","facilities":["wifi","kitchen"],"accessibility":{"step_free_entrance":true,"note":"Ramp\r\nvid sidan"}}`,
		`{"id":5,"name":"Förening","org_number":"802000-0001","kind":"association","created_at":"x"}`,
		`{"name":"a\u0000b"}`, `{"name":"\u2028"}`, `{"name":"\ufeff"}`, `{"name":"\ud800"}`, `{"title":"\u001b[31m"}`,
		`{"name":1}`, `{"x":1}`, `{} {}`, `{}]`, `[]`, `null`, ``, `"s"`, `{"facilities":[1]}`, `{"recurrence":null}`,
		`{"\u0069d":1}`, `{"id":1,"id":2}`, `{"attendees":1e400}`, `{"attendees":-0}`, `{"note":"` + string([]byte{0xff, 0xfe}) + `"}`,
	} {
		for i := range decodeTargets {
			f.Add(uint8(i), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		target := decodeTargets[int(which)%len(decodeTargets)]
		dst := target.new()
		err := decodeBody("application/json", body, dst, target.readOnly)
		if err != nil {
			checkDecodeError(t, body, err)
			return
		}
		if errs := validation.CheckStrings(dst); errs != nil {
			t.Fatalf("%s: decoded %+v with unclean text %v", body, dst, errs)
		}
		again, err := json.Marshal(dst)
		if err != nil {
			t.Fatalf("%s: decoded %+v does not encode: %v", body, dst, err)
		}
		dst2 := target.new()
		if err := decodeBody("application/json", again, dst2, nil); err != nil {
			t.Fatalf("%s: decoded and encoded as %s, which does not decode: %v", body, again, err)
		}
		if !reflect.DeepEqual(dst, dst2) {
			t.Fatalf("%s: decoded %+v, encoded %s, decoded again %+v", body, dst, again, dst2)
		}
	})
}

func checkDecodeError(t *testing.T, body []byte, err error) {
	t.Helper()
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		t.Fatalf("%s: %v without a body limit", body, err)
	}
	if k := fault.KindOf(err); k != fault.Invalid {
		t.Fatalf("%s: error %v of kind %v, want invalid (400 or 422)", body, err, k)
	}
	for _, fe := range fault.Fields(err) {
		for _, lang := range []i18n.Lang{i18n.SV, i18n.EN} {
			if !i18n.Has("validation."+fe.Code) || validation.Message(lang, fe) == "" {
				t.Fatalf("%s: field error %+v has no message of its own", body, fe)
			}
		}
	}
}
