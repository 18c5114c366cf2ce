package validation_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

type address struct {
	Street     string `json:"street_address" validate:"required"`
	PostalCode string `json:"postal_code" validate:"required,postnr"`
}

type contact struct {
	Email string `json:"contact_email" validate:"omitempty,email"`
}

type sample struct {
	contact
	Name       string            `json:"name" form:"namn" validate:"required,notblank,max=5"`
	Code       string            `form:"code" validate:"min=3"`
	ID         int64             `uri:"id" validate:"gt=0"`
	Secret     string            `json:"-" form:"secret" validate:"len=4"`
	Plain      string            `validate:"gt=2"`
	Address    address           `json:"address"`
	Rooms      []room            `json:"rooms" validate:"max=1,dive"`
	Facilities []string          `json:"facilities" validate:"min=1,unique,dive,facility"`
	Tags       []string          `json:"tags" validate:"lt=2"`
	Capacity   int               `json:"capacity" validate:"gte=1,lte=100"`
	Area       *float64          `json:"area_m2" validate:"omitempty,gt=0,lte=10"`
	Exact      int               `json:"exact" validate:"len=3"`
	Latitude   *float64          `json:"latitude" validate:"required_with=Longitude,omitempty,latitude"`
	Longitude  *float64          `json:"longitude" validate:"required_with=Latitude OwnerID,omitempty,longitude"`
	Kind       string            `json:"kind" validate:"oneof=city association other"`
	Extra      map[string]string `json:"extra" validate:"max=1,dive,keys,max=3,endkeys,notblank"`
}

type room struct {
	Name string `json:"name" validate:"required"`
}

func validSample() sample {
	return sample{
		Name: "Sal", Code: "abc", ID: 1, Secret: "abcd", Plain: "abc",
		Address:    address{Street: "Storgatan 1", PostalCode: "503 35"},
		Facilities: []string{"wifi"}, Capacity: 10, Exact: 3, Kind: "city",
	}
}

func TestFieldErrors(t *testing.T) {
	v := validation.New()
	if err := v.Struct(validSample()); err != nil {
		t.Fatalf("valid sample: %v", err)
	}
	zero := 0.0
	lat := 57.7
	s := sample{
		contact: contact{Email: "nej"},
		Name:    "   ", Code: "ab", Secret: "abc", Plain: "ab",
		Address:    address{PostalCode: "012 34"},
		Rooms:      []room{{Name: "A"}, {}},
		Facilities: []string{"wifi", "wifi", "sauna"},
		Tags:       []string{"a", "b"},
		Capacity:   0, Area: &zero, Exact: 4, Latitude: &lat, Kind: "club",
		Extra: map[string]string{"long": " ", "b": "x"},
	}
	err := fmt.Errorf("create: %w", v.Struct(s))
	want := fault.FieldErrors{
		{Field: "contact_email", Code: "email"},
		{Field: "name", Code: "notblank"},
		{Field: "code", Code: "min_len", Param: "3"},
		{Field: "id", Code: "gt", Param: "0"},
		{Field: "secret", Code: "len", Param: "4"},
		{Field: "Plain", Code: "min_len", Param: "3"},
		{Field: "address.street_address", Code: "required"},
		{Field: "address.postal_code", Code: "postnr"},
		{Field: "rooms", Code: "max_items", Param: "1"},
		{Field: "facilities", Code: "unique"},
		{Field: "tags", Code: "max_items", Param: "1"},
		{Field: "capacity", Code: "min", Param: "1"},
		{Field: "area_m2", Code: "gt", Param: "0"},
		{Field: "exact", Code: "eq", Param: "3"},
		{Field: "longitude", Code: "required_with", Param: "latitude owner_id"},
		{Field: "kind", Code: "oneof", Param: "city association other"},
		{Field: "extra", Code: "max_items", Param: "1"},
	}
	if diff := cmp.Diff(want, validation.FieldErrors(err)); diff != "" {
		t.Errorf("FieldErrors (-want +got):\n%s", diff)
	}
}

func TestFieldErrorsInside(t *testing.T) {
	v := validation.New()
	s := validSample()
	s.Name = "Alldeles för långt"
	s.Rooms = []room{{Name: "A"}}
	s.Facilities = []string{"wifi", "sauna"}
	s.Capacity = 101
	s.Extra = map[string]string{"long": " "}
	want := fault.FieldErrors{
		{Field: "name", Code: "max_len", Param: "5"},
		{Field: "facilities[1]", Code: "facility"},
		{Field: "capacity", Code: "max", Param: "100"},
		{Field: "extra[long]", Code: "max_len", Param: "3"},
		{Field: "extra[long]", Code: "notblank"},
	}
	if diff := cmp.Diff(want, validation.FieldErrors(v.Struct(s))); diff != "" {
		t.Errorf("FieldErrors (-want +got):\n%s", diff)
	}
	s = validSample()
	s.Rooms = []room{{}}
	want = fault.FieldErrors{{Field: "rooms[0].name", Code: "required"}}
	if diff := cmp.Diff(want, validation.FieldErrors(v.Struct(s))); diff != "" {
		t.Errorf("FieldErrors (-want +got):\n%s", diff)
	}
}

func TestFieldErrorsOther(t *testing.T) {
	for _, err := range []error{nil, errors.New("boom"), fault.FieldErrors{{Field: "x", Code: "required"}}} {
		if got := validation.FieldErrors(err); got != nil {
			t.Errorf("FieldErrors(%v) = %v, want nil", err, got)
		}
	}
	if got := validation.FieldErrors(validation.New().Struct(42)); got != nil {
		t.Errorf("FieldErrors(InvalidValidationError) = %v, want nil", got)
	}
}
