package validation_test

import (
	"testing"

	"github.com/gin-gonic/gin/binding"
	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/validation"
)

func TestGinValidator(t *testing.T) {
	v := validation.New()
	g := validation.GinValidator{V: v}
	if g.Engine() != v {
		t.Error("Engine is not V")
	}
	bad := room{}
	var nilRoom *room
	tests := []struct {
		name string
		obj  any
		want fault.FieldErrors
	}{
		{"OK", room{Name: "A"}, nil},
		{"Struct", bad, fault.FieldErrors{{Field: "name", Code: "required"}}},
		{"Pointer", &bad, fault.FieldErrors{{Field: "name", Code: "required"}}},
		{"PointerToPointer", func() any { p := &bad; return &p }(), fault.FieldErrors{{Field: "name", Code: "required"}}},
		{"NilPointer", nilRoom, nil},
		{"Nil", nil, nil},
		{"NotStruct", 42, nil},
		{"Slice", []room{{Name: "A"}, {}, {Name: "C"}, {}}, fault.FieldErrors{
			{Field: "[1].name", Code: "required"}, {Field: "[3].name", Code: "required"}}},
		{"SliceOfSlices", [][]room{{{Name: "A"}}, {{Name: "B"}, {}}}, fault.FieldErrors{
			{Field: "[1][1].name", Code: "required"}}},
		{"SliceOK", []*room{{Name: "A"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := g.ValidateStruct(tt.obj)
			if (err == nil) != (tt.want == nil) {
				t.Fatalf("err = %v", err)
			}
			if diff := cmp.Diff(tt.want, validation.FieldErrors(err)); diff != "" {
				t.Errorf("FieldErrors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGinValidatorWithoutV(t *testing.T) {
	var g binding.StructValidator = validation.GinValidator{}
	if err := g.ValidateStruct(room{}); err == nil {
		t.Error("no error without a validator")
	}
}
