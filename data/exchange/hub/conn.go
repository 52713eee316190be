package hub

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Errors of reaching a hub. Each leaves this machine's database as it was.
var (
	// ErrLogin is returned when the hub refuses the URL's user or password.
	ErrLogin = errors.New("the hub refused the login: check the user and password of the hub URL")
	// ErrUnreachable is returned when the hub does not answer in time.
	ErrUnreachable = errors.New("the hub does not answer: check the network and the hub URL")
	// ErrCertificate is returned when the hub's TLS certificate does not
	// prove it is the hub of the URL: issued for another name, or by an
	// authority this machine does not trust (sslrootcert).
	ErrCertificate = errors.New("the hub's certificate does not prove it is the hub of this URL: check the host name and the authority (sslrootcert) of the hub URL")
	// ErrInsecure is returned for a hub that is not on this machine reached
	// without sslmode=verify-full.
	ErrInsecure = errors.New("a hub on another machine must be reached with sslmode=verify-full")
)

// dial connects to the hub at rawURL within ConnectTimeout.
func dial(ctx context.Context, rawURL string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("the hub URL cannot be read: %w", err)
	}
	if !loopback(cfg.Host) && sslMode(rawURL) != "verify-full" {
		return nil, ErrInsecure
	}
	if cfg.ConnectTimeout == 0 || cfg.ConnectTimeout > ConnectTimeout {
		cfg.ConnectTimeout = ConnectTimeout
	}
	c, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, connectError(cfg.Host, err)
	}
	return c, nil
}

func connectError(host string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (pe.Code == "28P01" || pe.Code == "28000") {
		return fmt.Errorf("%w (%s)", ErrLogin, pe.Message)
	}
	var (
		hostErr  x509.HostnameError
		authErr  x509.UnknownAuthorityError
		certErr  x509.CertificateInvalidError
		verifErr *tls.CertificateVerificationError
	)
	if errors.As(err, &hostErr) || errors.As(err, &authErr) || errors.As(err, &certErr) || errors.As(err, &verifErr) {
		return fmt.Errorf("%w (%s: %v)", ErrCertificate, host, err)
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err) {
		return fmt.Errorf("%w (%s: %v)", ErrUnreachable, host, err)
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return fmt.Errorf("%w (%s: %v)", ErrUnreachable, host, err)
	}
	return fmt.Errorf("connect to the hub: %w", err)
}

func loopback(host string) bool {
	if host == "localhost" || len(host) > 0 && host[0] == '/' {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func sslMode(rawURL string) string {
	if u, err := url.Parse(rawURL); err == nil && u.Scheme != "" {
		return u.Query().Get("sslmode")
	}
	// key=value form
	cfg, err := pgconn.ParseConfig(rawURL)
	if err == nil && cfg.TLSConfig != nil && !cfg.TLSConfig.InsecureSkipVerify && cfg.TLSConfig.ServerName != "" {
		return "verify-full"
	}
	return ""
}

// Redact is the URL without its password, for messages and logs.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.User == nil {
		return rawURL
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
