import Testing

@testable import Formatting

/// Links and e-mail addresses that TDLib's `find_urls` reports for `text`.
private func urls(_ text: String) -> (urls: [String], emails: [String]) {
    let bytes = Array(text.utf8)
    var result: ([String], [String]) = ([], [])
    for (range, isEmail) in EntityDetector.findURLs(bytes) {
        let s = String(decoding: bytes[range], as: UTF8.self)
        if isEmail { result.1.append(s) } else { result.0.append(s) }
    }
    return result
}

/// Cases from TDLib's own test suite (test/message_entities.cpp), which the official server
/// shares.
@Suite struct URLMatching {
    @Test(arguments: [
        ("telegram.org", ["telegram.org"]), ("(telegram.org)", ["telegram.org"]), ("\ntelegram.org)", ["telegram.org"]),
        (".telegram.org)", []), ("()telegram.org/?q=()", ["telegram.org/?q=()"]), ("\"telegram.org\"", ["telegram.org"]),
        (" telegram. org. www. com... telegram.org... ...google.com...", ["telegram.org"]),
        ("Такой сайт: http://www.google.com или такой telegram.org ", ["http://www.google.com", "telegram.org"]),
        ("http://google,.com", []), ("http://telegram.org/?asd=123#123.", ["http://telegram.org/?asd=123#123"]),
        ("[http://google.com](test)", ["http://google.com"]), ("http://@google.com", []), ("http://@@google.com", []),
        ("http://a@google.com", ["http://a@google.com"]), ("google.com:᪉᪉᪉᪉᪉", ["google.com"]),
        ("ftp://telegram.org", ["ftp://telegram.org"]), ("ftps://telegram.org", []), ("sftp://telegram.org", []),
        ("tonsite://telegram.ton", ["tonsite://telegram.ton"]), ("telegram.ton", ["telegram.ton"]),
        ("telegram.onion", ["telegram.onion"]), ("telegram.tonsite", []), ("hTtPs://telegram.org", ["hTtPs://telegram.org"]),
        ("аHTTP://telegram.org", ["HTTP://telegram.org"]), ("sHTTP://telegram.org", []), ("://telegram.org", []),
        ("http://  .com", []), ("URL: .com", []), (".com", []), ("http://.com", []),
        (",ahttp://google.com", ["http://google.com"]), (".ahttp://google.com", []), ("http://1.0", []), ("http://a.a", []),
        ("google.com:1#ab c", ["google.com:1#ab"]), ("google.com:1#", ["google.com:1"]),
        ("google.com:00000001/abs", ["google.com:00000001/abs"]), ("google.com:000000065536/abs", ["google.com"]),
        ("google.com:0/abs", ["google.com"]), ("google.com:65535", ["google.com:65535"]), ("google.com:65536", ["google.com"]),
        ("127.001", []), ("127.0.0.1", ["127.0.0.1"]), ("127.0.0.01", []), ("127.0.0.256", []), ("127.0.0.260", []),
        ("www.🤙.tk", ["www.🤙.tk"]), ("a.ab", []), ("test.abd", []), ("ТеСт.Москва", []), ("ТеСт.МоСкВа", ["ТеСт.МоСкВа"]),
        ("http://ÀТеСт.МоСкВач", ["http://ÀТеСт.МоСкВач"]), ("ÀÁ.com. ÀÁ.com.", ["ÀÁ.com", "ÀÁ.com"]),
        ("ÀÁ.com,ÀÁ.com.", ["ÀÁ.com", "ÀÁ.com"]), ("TeiegraM.org/test", []),
        ("http://test.google.com/?q=abc()}[]def", ["http://test.google.com/?q=abc()"]),
        ("http://test.google.com/?q=abc([{)]}def", ["http://test.google.com/?q=abc([{)]}def"]),
        ("http://test.google.com/?q=abc){}[]def", ["http://test.google.com/?q=abc"]),
        ("http://test-.google.com", []), ("http://test_.google.com", ["http://test_.google.com"]), ("http://google_.com", []),
        ("tg://resolve", []), ("/.b/..a    @.....@/. a.ba", ["a.ba"]), ("bbbbbbbbbbbbbb.@.@", []),
        ("http://google.com?", ["http://google.com"]), ("http://google.com##", ["http://google.com##"]),
        ("http://google.com/?", ["http://google.com/"]), ("https://www.google.com/ab,", ["https://www.google.com/ab"]),
        ("https://t.…", []), ("('http://telegram.org/a-b/?br=ie&lang=en',)", ["http://telegram.org/a-b/?br=ie&lang=en"]),
        ("https://ai.telegram.org/bot%20bot/test-...", ["https://ai.telegram.org/bot%20bot/test-"]),
        ("https://a.bc@c.com", ["https://a.bc@c.com"]), ("https://a.de/bc@c.com", ["https://a.de/bc@c.com"]),
    ])
    func links(text: String, expected: [String]) {
        #expect(urls(text).urls == expected)
    }

    @Test func linksNextToAddresses() {
        #expect(urls("a.bc@c.com") == ([], ["a.bc@c.com"]))
        #expect(urls("https://a.de[bc@c.com") == (["https://a.de"], ["bc@c.com"]))
        #expect(urls("https://a.de]bc@c.com") == (["https://a.de"], ["bc@c.com"]))
    }

    @Test func aLongMixedText() {
        let text =
            "a.b.google.com dfsknnfs gsdfgsg http://códuia.de/ dffdg,\" 12)(cpia.de/())(\" http://гришка.рф/ sdufhdf "
            + "http://xn--80afpi2a3c.xn--p1ai/ I have a good time.Thanks, guys!\n\n(hdfughidufhgdis) go#ogle.com гришка.рф "
            + "hsighsdf gi почта.рф\n\n✪df.ws/123      xn--80afpi2a3c.xn--p1ai\n\nhttp://foo.com/blah_blah\n"
            + "http://foo.com/blah_blah/\n(Something like http://foo.com/blah_blah)\n"
            + "http://foo.com/blah_blah_(wikipedi8989a_Вася)\n(Something like http://foo.com/blah_blah_(Стакан_007))\n"
            + "http://foo.com/blah_blah.\nhttp://foo.com/blah_blah/.\n<http://foo.com/blah_blah>\n"
            + "<http://fo@@@@@@@@@^%#*@^&@$#*@#%^*&!^#o.com/blah_blah/>\nhttp://foo.com/blah_blah,\n"
            + "http://www.example.com/wpstyle/?p=364.\nhttp://✪df.ws/123\nrdar://1234\nrdar:/1234\n"
            + "http://userid:password@example.com:8080\nhttp://userid@example.com\nhttp://userid@example.com:8080\n"
            + "http://userid:password@example.com\nhttp://example.com:8080 x-yojimbo-item://6303E4C1-xxxx-45A6-AB9D-3A908F59AE0E\n"
            + "message://%3c330e7f8409726r6a4ba78dkf1fd71420c1bf6ff@mail.gmail.com%3e\nhttp://➡️.ws/䨹\nwww.➡️.ws/䨹\n"
            + "<tag>http://example.com</tag>\nJust a www.example.com link.\n\n➡️.ws/䨹\n\n"
            + "abcdefghijklmnopqrstuvwxyz0123456789qwe_sdfsdf.aweawe-sdfs.com\nwww.🤙.tk:1\ngoogle.com:᪉᪉᪉᪉\ngoogle.com:᪀᪀\n"
            + "http://  .com\nURL:     .com\nURL: .com\n\ngoogle.com?qwe\ngoogle.com#qwe\ngoogle.com/?\ngoogle.com/#\n"
            + "google.com?\ngoogle.com#\n"
        let expected = [
            "a.b.google.com", "http://códuia.de/", "cpia.de/()", "http://гришка.рф/", "http://xn--80afpi2a3c.xn--p1ai/",
            "гришка.рф", "почта.рф", "✪df.ws/123", "xn--80afpi2a3c.xn--p1ai", "http://foo.com/blah_blah",
            "http://foo.com/blah_blah/", "http://foo.com/blah_blah", "http://foo.com/blah_blah_(wikipedi8989a_Вася)",
            "http://foo.com/blah_blah_(Стакан_007)", "http://foo.com/blah_blah", "http://foo.com/blah_blah/",
            "http://foo.com/blah_blah", "http://foo.com/blah_blah", "http://www.example.com/wpstyle/?p=364",
            "http://✪df.ws/123", "http://userid:password@example.com:8080", "http://userid@example.com",
            "http://userid@example.com:8080", "http://userid:password@example.com", "http://example.com:8080",
            "http://➡️.ws/䨹", "www.➡️.ws/䨹", "http://example.com", "www.example.com", "➡️.ws/䨹",
            "abcdefghijklmnopqrstuvwxyz0123456789qwe_sdfsdf.aweawe-sdfs.com", "www.🤙.tk:1", "google.com", "google.com",
            "google.com?qwe", "google.com#qwe", "google.com/", "google.com/#", "google.com", "google.com",
        ]
        #expect(urls(text).urls == expected)
    }

    @Test func emailAddressRules() {
        for (address, valid) in [
            ("security@telegram.org", true), ("security.telegram.org", false), ("@", false), ("A@a.a.a.ab", true),
            ("Test@aa.aa.aa.aa", true), ("a.bc@d.ef", true), ("a@a.a.a.a.a.a.a.ab", false), ("a@abc", false),
            ("a.a.a.a.a.a.a.a.a.a.a.a@a.ab", false), ("+.+.+.+.+._@a.ab", true), ("a@a.a.a.a.a.a.abcdefghi", false),
            ("a@ab0cd.ab_d.aA-sd.0.9.0-9.ABOYZ", true), ("a@_b0cd.ab_d.aA-sd.0.9.0-9.ABOYZ", false),
        ] {
            #expect(EntityDetector.isEmailAddress(Array(address.utf8)[...]) == valid, "\(address)")
        }
    }
}
