//! Which host arguments `wget` sends, and what it says about the others.
//!
//! `wget` writes the host into its request's `Host:` line, so a host that
//! holds `\r\n` would add lines of the caller's choosing (a header
//! injection; HTTP forbids CR and LF in a field value, RFC 9110, section
//! 5.5). Only ASCII letters, digits, `-` and `.` pass (a trailing `.`, as in
//! a fully qualified name, too), or an IPv6 address in brackets, and a port
//! of digits. What a learner may have meant (a URL, a name that is not
//! ASCII, a bare IPv6 address) is refused with the way to write it.

/// Splits a host argument (`name` or `name:port`) into its name and port
/// (80 if none), or says in one line why it cannot go into a request. A
/// name that is not ASCII is refused with its ASCII form's example: turning
/// it into ASCII (IDNA) is a library's job, and lesson 03's has it.
pub fn check(arg: &str) -> Result<(&str, u16), String> {
    if let Some((_scheme, rest)) = arg.split_once("://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        return Err(format!("give HOST[:PORT], not a URL: here {host:?}"));
    }
    // An IPv6 address has colons of its own: it comes in brackets, and a
    // port may follow the `]`.
    let (name, port) = match arg.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => (name, Some(port)),
        _ => (arg, None),
    };
    if let Some(ip) = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')) {
        if ip.parse::<std::net::Ipv6Addr>().is_err() {
            return Err(format!("{ip:?} is not an IPv6 address"));
        }
    } else if name.contains(':') {
        return Err("an IPv6 address goes in brackets: [::1] or [::1]:8000".into());
    } else if !name.is_ascii() {
        return Err(
            "write a name that is not ASCII in its ASCII form (punycode: \
             中文.cn is xn--fiq228c.cn); lesson 03 converts it for you"
                .into(),
        );
    } else if name.is_empty() {
        return Err("the name is empty".into());
    } else if name.len() > 253 {
        return Err("a host name has at most 253 characters".into());
    } else if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
    {
        return Err(format!(
            "{bad:?} is not allowed in a host name (only letters, digits, '-' and '.')"
        ));
    } else if name
        .strip_suffix('.')
        .unwrap_or(name)
        .split('.')
        .any(|label| label.is_empty() || label.len() > 63)
    {
        return Err("each part between dots must hold 1 to 63 characters".into());
    }
    let port = match port {
        None => 80,
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n > 0 && p.bytes().all(|b| b.is_ascii_digit()) => n,
            _ => return Err(format!("{p:?} is not a port number from 1 to 65535")),
        },
    };
    Ok((name, port))
}

#[cfg(test)]
mod tests {
    use crate::wget::{FetchError, Target};

    #[test]
    fn host_names_and_ports_pass() {
        let t = Target::parse("www.sina.com.cn").unwrap();
        assert_eq!(t.connect_to, "www.sina.com.cn:80");
        assert_eq!(
            t.request(),
            "GET / HTTP/1.0\r\nHost: www.sina.com.cn\r\n\r\n"
        );
        for (arg, connect_to) in [
            ("127.0.0.1:8080", "127.0.0.1:8080"),
            // A fully qualified name ends in a dot; `Host:` keeps it, as lesson 03's url
            // crate does.
            ("example.com.", "example.com.:80"),
            ("[::1]:8000", "[::1]:8000"),
            ("[::1]", "[::1]:80"),
        ] {
            let t = Target::parse(arg).unwrap();
            assert_eq!((t.host.as_str(), t.connect_to.as_str()), (arg, connect_to));
        }
    }

    /// What the learner may have meant gets a message that says how to
    /// write it: a URL, a name that is not ASCII, an IPv6 address.
    #[test]
    fn refusals_say_how_to_write_the_host() {
        for (arg, says) in [
            (
                "http://example.invalid/",
                "give HOST[:PORT], not a URL: here \"example.invalid\"",
            ),
            ("https://a.test:8443/x?y", "not a URL: here \"a.test:8443\""),
            ("中文.cn", "xn--fiq228c.cn"),
            ("::1", "brackets: [::1] or [::1]:8000"),
            ("[nope]:80", "\"nope\" is not an IPv6 address"),
        ] {
            match Target::parse(arg) {
                Err(FetchError::BadHost(why)) => assert!(why.contains(says), "{arg:?}: {why}"),
                other => panic!("{arg:?} gave {other:?}"),
            }
        }
    }

    /// Anything that could add a line or a word to the request is refused.
    #[test]
    fn hostile_hosts_are_refused() {
        for bad in [
            "evil.test\r\nX-Injected: 1",
            "evil.test\n",
            "two words",
            "a/b",
            "",
            ":80",
            "host:0",
            "host:99999",
            "host:+80",
            "héllo.test",
            "a..b",
            ".a",
            ".",
            "a.b..",
            "[::1]:0",
        ] {
            match Target::parse(bad) {
                Err(FetchError::BadHost(why)) => {
                    assert!(!why.contains('\n') && !why.contains('\r'), "{why:?}")
                }
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }
}
