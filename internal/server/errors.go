package server

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/danielgtaylor/huma/v2"
	"github.com/quellen/quellen"
)

// APIError is the one shape of every error the API returns:
//
//	{"status": 404, "code": "not_found", "message": "document 12 not found"}
//
// Code is stable; clients should test it rather than the message.
type APIError struct {
	Status  int      `json:"status" doc:"HTTP status"`
	Code    string   `json:"code" doc:"Stable error code: bad_request, unauthorized, not_found, conflict, too_large, unsupported, not_implemented, internal"`
	Message string   `json:"message" doc:"What went wrong, for a person"`
	Details []string `json:"details,omitempty" doc:"Validation details"`
}

func (e *APIError) Error() string  { return e.Message }
func (e *APIError) GetStatus() int { return e.Status }

func codeOf(status int) string {
	switch status {
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return "bad_request"
	case http.StatusUnauthorized, http.StatusForbidden:
		return "unauthorized"
	case http.StatusNotFound:
		return "not_found"
	case http.StatusConflict:
		return "conflict"
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusUnsupportedMediaType:
		return "unsupported"
	case http.StatusNotImplemented:
		return "not_implemented"
	}
	if status >= 500 {
		return "internal"
	}
	return "error"
}

func init() {
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		e := &APIError{Status: status, Code: codeOf(status), Message: msg}
		for _, err := range errs {
			if err != nil {
				e.Details = append(e.Details, err.Error())
			}
		}
		return e
	}
}

// apiErr turns a store or input error into an APIError.
func apiErr(err error) error {
	if err == nil {
		return nil
	}
	if e, ok := errors.AsType[*APIError](err); ok {
		return e
	}
	if ie, ok := errors.AsType[*quellen.InputError](err); ok {
		return &APIError{Status: http.StatusUnprocessableEntity, Code: "bad_input." + ie.Code, Message: ie.Error()}
	}
	if errors.Is(err, quellen.ErrNotFound) {
		return &APIError{Status: http.StatusNotFound, Code: "not_found", Message: err.Error()}
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &APIError{Status: http.StatusRequestEntityTooLarge, Code: "too_large", Message: err.Error()}
	}
	return &APIError{Status: http.StatusInternalServerError, Code: "internal", Message: err.Error()}
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(&APIError{Status: status, Code: code, Message: msg})
}
