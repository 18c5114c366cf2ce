package document

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/borasstad/lokalbanken/internal/fault"
)

// ErrNotMultipart is the error for an upload that is not multipart/form-data; its code is
// the one the API answers 415 for.
var ErrNotMultipart = fault.New(fault.Invalid, "unsupported_media_type")

// ErrMalformed is the error for a multipart body that cannot be read.
var ErrMalformed = fault.New(fault.Invalid, "malformed")

// maxTitleBytes bounds what is read of the title part: more than any title that passes.
const maxTitleBytes = 4 * maxTitle

// ReadRequest reads a multipart/form-data upload part by part, never holding more than one
// document of MaxBytes: fields "title" (optional) and "file". Other fields are field errors
// "unknown_field". It returns what Check returns, ErrNotMultipart, ErrMalformed, or the
// *http.MaxBytesError of a body over the route's limit.
func ReadRequest(r *http.Request) (Upload, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return Upload{}, ErrNotMultipart
	}
	var title string
	var up *Upload
	var errs fault.FieldErrors
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Upload{}, readError(err)
		}
		switch part.FormName() {
		case "title":
			b, err := io.ReadAll(io.LimitReader(part, maxTitleBytes))
			if err != nil {
				return Upload{}, readError(err)
			}
			title = string(b)
		case "file":
			u, err := Check("", part.FileName(), part.Header.Get("Content-Type"), part)
			if fe := fault.Fields(err); fe != nil {
				errs = append(errs, fe...)
			} else if err != nil {
				return Upload{}, readError(err)
			}
			up = &u
		default:
			errs = append(errs, fault.FieldError{Field: part.FormName(), Code: "unknown_field"})
		}
	}
	if up == nil && fault.Fields(errs) == nil {
		return Upload{}, append(errs, fault.FieldError{Field: "file", Code: "required"})
	}
	t, err := Title(title, "")
	if fe := fault.Fields(err); fe != nil {
		errs = append(errs, fe...)
	}
	if len(errs) > 0 {
		return Upload{}, errs
	}
	if t != "" {
		up.Title = t
	}
	return *up, nil
}

// FromFileHeader checks a file that a form parser already read (the pages' forms, whose
// body the CSRF check parses, within the route's limit).
func FromFileHeader(title string, fh *multipart.FileHeader) (Upload, error) {
	if fh == nil {
		return Upload{}, Missing()
	}
	f, err := fh.Open()
	if err != nil {
		return Upload{}, err
	}
	defer f.Close()
	return Check(title, fh.Filename, fh.Header.Get("Content-Type"), f)
}

func readError(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return err
	}
	return fault.Wrap(ErrMalformed, err)
}
