package webui

import (
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/borasstad/lokalbanken/internal/access"
	"github.com/borasstad/lokalbanken/internal/agreement"
	"github.com/borasstad/lokalbanken/internal/document"
	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/venue"
)

// The forms on an agreement's page that city administrators use: a new version, a
// document, a signature and a withdrawal. Each goes back to the page on success, or shows
// the page again (422) with its own form's errors next to its fields and what was typed.

var (
	versionSpec  = formSpec{order: []string{"label", "adopted_on", "version_text", "version_link"}, rename: versionRename}
	documentSpec = formSpec{order: []string{"title", "file"}}
	signSpec     = formSpec{order: []string{"organisation_id", "version_id", "signed_on", "signer_name", "signer_role"}}
	withdrawSpec = formSpec{order: []string{"withdrawn_on"}}
)

// versionRename gives the version form's text and link their own names on a page that may
// show the agreement's.
func versionRename(name string) string {
	switch name {
	case "text":
		return "version_text"
	case "link":
		return "version_link"
	}
	return name
}

// BodyLimits returns the page routes that take a larger body than the site's limit: the
// document uploads of agreements and meetings, and the photos of venues and rooms.
func (p *Pages) BodyLimits() map[string]int64 {
	return map[string]int64{"POST " + agreementsPath + "/:id/dokument": document.MaxRequestBytes,
		"POST " + meetingsPath + "/:id/dokument": document.MaxRequestBytes,
		"POST /lokaler/:id/bilder":               venue.MaxPhotoRequestBytes, "POST /rum/:id/bilder": venue.MaxPhotoRequestBytes}
}

func (p *Pages) addAgreementVersion(c *gin.Context) {
	id, ok := p.managedAgreementID(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in := agreement.VersionInput{Label: values.Get("label"), AdoptedOn: values.Get("adopted_on"),
		Body: values.Get("version_text"), Link: values.Get("version_link")}
	_, err := p.agree.AddVersion(c.Request.Context(), p.actor(c), id, in)
	p.afterAgreementForm(c, err, func(page *agreementPage, fe fault.FieldErrors) {
		page.VersionForm = newForm(values)
		page.VersionForm.addErrors(p.lang(c), versionSpec, fe)
	}, "#versioner")
}

// uploadAgreementDocument attaches the uploaded PDF. The body was parsed by the CSRF check,
// within the route's limit (document.MaxRequestBytes).
func (p *Pages) uploadAgreementDocument(c *gin.Context) {
	id, ok := p.managedAgreementID(c)
	if !ok {
		return
	}
	values := postedValues(c)
	up, err := document.FromFileHeader(values.Get("title"), uploadedFile(c, "file"))
	if err == nil {
		_, err = p.agree.AddDocument(c.Request.Context(), p.actor(c), id, up)
	}
	p.afterAgreementForm(c, err, func(page *agreementPage, fe fault.FieldErrors) {
		page.DocumentForm = newForm(values)
		page.DocumentForm.addErrors(p.lang(c), documentSpec, fe)
	}, "#dokument")
}

func (p *Pages) deleteAgreementDocument(c *gin.Context) {
	id, ok := p.managedAgreementID(c)
	if !ok {
		return
	}
	doc, err := strconv.ParseInt(c.Param("doc"), 10, 64)
	if err != nil || doc <= 0 {
		p.notFound(c)
		return
	}
	err = p.agree.DeleteDocument(c.Request.Context(), p.actor(c), id, doc)
	if err != nil {
		p.fail(c, err)
		return
	}
	c.Redirect(http.StatusSeeOther, agreementURL(id)+"?klart=dokument#dokument")
}

func (p *Pages) signAgreement(c *gin.Context) {
	id, ok := p.managedAgreementID(c)
	if !ok {
		return
	}
	values := postedValues(c)
	in := agreement.SignInput{SignedOn: values.Get("signed_on"), SignerName: values.Get("signer_name"), SignerRole: values.Get("signer_role")}
	var parseErrs fault.FieldErrors
	if s := strings.TrimSpace(values.Get("organisation_id")); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			parseErrs = append(parseErrs, typeError("organisation_id", "integer"))
		}
		in.OrganisationID = n
	}
	if s := strings.TrimSpace(values.Get("version_id")); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			parseErrs = append(parseErrs, typeError("version_id", "integer"))
		}
		in.VersionID = n
	}
	var err error = parseErrs
	if len(parseErrs) > 0 {
		err = merge(p.validate, in, parseErrs, nil)
	} else {
		_, err = p.agree.Sign(c.Request.Context(), p.actor(c), id, in)
	}
	p.afterAgreementForm(c, err, func(page *agreementPage, fe fault.FieldErrors) {
		page.SignForm = newForm(values)
		page.SignForm.addErrors(p.lang(c), signSpec, fe)
	}, "#undertecknare")
}

// withdrawSignature dates the withdrawal of a signature of this agreement (today when no
// date is given).
func (p *Pages) withdrawSignature(c *gin.Context) {
	id, ok := p.managedAgreementID(c)
	if !ok {
		return
	}
	sigID, err := strconv.ParseInt(c.Param("sig"), 10, 64)
	if err != nil || sigID <= 0 {
		p.notFound(c)
		return
	}
	ctx := c.Request.Context()
	// The signature must be this agreement's: the path says so, and a form posted to
	// another agreement's page must not withdraw it.
	sig, err := p.agree.FindSignatoryByID(ctx, sigID)
	if err == nil && sig.AgreementID != id {
		err = agreement.ErrSignatoryNotFound
	}
	if err != nil {
		p.fail(c, err)
		return
	}
	values := postedValues(c)
	_, err = p.agree.Withdraw(ctx, p.actor(c), sigID, agreement.WithdrawInput{WithdrawnOn: values.Get("withdrawn_on")})
	p.afterAgreementForm(c, err, func(page *agreementPage, fe fault.FieldErrors) {
		page.WithdrawForm, page.WithdrawID = newForm(values), sigID
		page.WithdrawForm.addErrors(p.lang(c), withdrawSpec, fe)
	}, "#undertecknare")
}

// managedAgreementID reads the path's agreement id for a form only city administrators
// may send; others get the login page or 403 before anything is read.
func (p *Pages) managedAgreementID(c *gin.Context) (int64, bool) {
	if err := access.Check(p.actor(c), access.ManageAgreements, 0); err != nil {
		p.fail(c, err)
		return 0, false
	}
	id, ok := pathID(c)
	if !ok {
		p.notFound(c)
	}
	return id, ok
}

// afterAgreementForm goes back to the agreement's page (at anchor) when err is nil; for
// field errors it shows the page again with the form that show fills in; a conflict (an
// ended agreement, a signature already withdrawn) is shown above the forms.
func (p *Pages) afterAgreementForm(c *gin.Context, err error, show func(*agreementPage, fault.FieldErrors), anchor string) {
	if err == nil {
		id, _ := pathID(c)
		c.Redirect(http.StatusSeeOther, agreementURL(id)+"?klart="+agreementNotice(c.FullPath())+anchor)
		return
	}
	fe := fault.Fields(err)
	conflict := fault.KindOf(err) == fault.Conflict
	if fe == nil && !conflict {
		p.fail(c, err)
		return
	}
	page, ok := p.loadAgreementPage(c)
	if !ok {
		return
	}
	show(page, fe)
	status := http.StatusUnprocessableEntity
	if conflict {
		lang, code := p.lang(c), fault.CodeOf(err)
		f := newForm(nil)
		f.ProblemTitle, f.Problem = i18n.T(lang, "problem."+code+".title"), i18n.T(lang, "problem."+code+".detail")
		page.SignForm, status = f, http.StatusConflict
	}
	p.render(c, status, "agreement", "agreements", page)
}

// uploadedFile returns the file of the named field of a multipart form the CSRF check has
// parsed, or nil when none was chosen (a browser then sends an empty part without a name).
func uploadedFile(c *gin.Context, name string) *multipart.FileHeader {
	mf := c.Request.MultipartForm
	if mf == nil || len(mf.File[name]) == 0 || mf.File[name][0].Filename == "" {
		return nil
	}
	return mf.File[name][0]
}

// agreementNotice is the ?klart= word for a change made on an agreement's page, by route.
func agreementNotice(route string) string {
	switch {
	case strings.HasSuffix(route, "/aterkalla"):
		return "underskrift-aterkallad"
	case strings.HasSuffix(route, "/underskrifter"):
		return "underskrift"
	case strings.HasSuffix(route, "/ta-bort"):
		return "dokument-borttaget"
	case strings.HasSuffix(route, "/dokument"):
		return "dokument"
	case strings.HasSuffix(route, "/versioner"):
		return "version"
	}
	return "avtal-sparat"
}
