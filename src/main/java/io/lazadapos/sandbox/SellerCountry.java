package io.lazadapos.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The six Lazada countries, with what the sandbox needs to make believable orders there: currency and
 * its decimals, the local offset Lazada writes dates in, a price scale, and a few names and places.
 */
enum SellerCountry {

    ID("IDR", "+07:00", 2, 16_000, 100_00, "id",
            new String[] {"Jakarta Selatan", "Bandung", "Surabaya", "Medan", "Yogyakarta", "Denpasar"},
            new String[] {"Kebayoran Baru", "Coblong", "Gubeng", "Medan Baru", "Depok", "Kuta"},
            new String[] {"LEX ID", "J&T Express", "SiCepat"},
            new String[] {"Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Andi", "Wulan"},
            new String[] {"Santoso", "Wijaya", "Saputra", "Lestari", "Hidayat", "Kusuma", "Pratama", ""}),
    TH("THB", "+07:00", 2, 35, 1_00, "th",
            new String[] {"กรุงเทพมหานคร", "Chiang Mai", "Khon Kaen", "Phuket", "Nonthaburi"},
            new String[] {"Bang Rak", "Mueang Chiang Mai", "Mueang Khon Kaen", "Kathu", "Pak Kret"},
            new String[] {"LEX TH", "Flash Express", "Kerry Express"},
            new String[] {"Somchai", "Malee", "Anan", "Nittaya", "Kittisak", "Ploy", "สมศักดิ์", "Wanida"},
            new String[] {"Srisuk", "Chaiyaporn", "Wongsa", "Boonmee", "Rattanakorn", "Suksawat", "", "Thongdee"}),
    VN("VND", "+07:00", 0, 25_000, 1_000, "vn",
            new String[] {"Hồ Chí Minh", "Hà Nội", "Đà Nẵng", "Cần Thơ", "Hải Phòng"},
            new String[] {"Quận 1", "Ba Đình", "Hải Châu", "Ninh Kiều", "Lê Chân"},
            new String[] {"LEX VN", "GHN", "J&T Express"},
            new String[] {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"},
            new String[] {"Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Gia Huy", "Ngọc Lan", ""}),
    SG("SGD", "+08:00", 2, 1.35, 10, "sg",
            new String[] {"Singapore"},
            new String[] {"Tampines", "Jurong West", "Bedok", "Woodlands", "Ang Mo Kio"},
            new String[] {"LEX SG", "Ninja Van", "Qxpress"},
            new String[] {"Wei Ling", "Jun Jie", "Siti", "Arjun", "Mei", "Daniel", "Nurul", "Kai"},
            new String[] {"Tan", "Lim", "Ng", "Kumar", "Wong", "Rahman", "Lee", ""}),
    MY("MYR", "+08:00", 2, 4.5, 10, "my",
            new String[] {"Kuala Lumpur", "Petaling Jaya", "Johor Bahru", "George Town", "Kota Kinabalu"},
            new String[] {"Bukit Bintang", "Damansara", "Skudai", "Jelutong", "Likas"},
            new String[] {"LEX MY", "J&T Express", "Ninja Van"},
            new String[] {"Ahmad", "Nur", "Mei Ling", "Siva", "Farah", "Chong", "Aisyah", "Hafiz"},
            new String[] {"Abdullah", "Tan", "Ismail", "Raj", "Lim", "Hassan", "", "Yusof"}),
    PH("PHP", "+08:00", 2, 57, 1_00, "ph",
            new String[] {"Quezon City", "Makati", "Cebu City", "Davao City", "Pasig"},
            new String[] {"Diliman", "Poblacion", "Lahug", "Buhangin", "Kapitolyo"},
            new String[] {"LEX PH", "J&T Express", "Flash Express"},
            new String[] {"Juan", "Maria", "Jose", "Ana", "Mark", "Kristine", "Paolo", "Liza"},
            new String[] {"Dela Cruz", "Santos", "Reyes", "Garcia", "Mendoza", "Bautista", "", "Villanueva"});

    final String currency;
    final ZoneOffset offset;
    /** The offset as Lazada writes it in its two date forms: "+07:00" and "+0700". */
    final String isoOffset;
    final String compactOffset;
    final int fractionDigits;
    /** Local major units per US dollar, to price the catalog believably. */
    final double perDollar;
    /** Prices are rounded to this many minor units (Rp 100, ₫1,000, S$0.10 ...). */
    final long priceStep;
    final String lowerCode;
    final String[] cities;
    final String[] districts;
    final String[] carriers;
    final String[] firstNames;
    final String[] lastNames;

    SellerCountry(String currency, String offset, int fractionDigits, double perDollar, long priceStep,
                  String lowerCode, String[] cities, String[] districts, String[] carriers,
                  String[] firstNames, String[] lastNames) {
        this.currency = currency;
        this.offset = ZoneOffset.of(offset);
        this.isoOffset = offset;
        this.compactOffset = offset.replace(":", "");
        this.fractionDigits = fractionDigits;
        this.perDollar = perDollar;
        this.priceStep = priceStep;
        this.lowerCode = lowerCode;
        this.cities = cities;
        this.districts = districts;
        this.carriers = carriers;
        this.firstNames = firstNames;
        this.lastNames = lastNames;
    }

    static SellerCountry of(String code) {
        if (code == null) throw new IllegalArgumentException("country must be one of ID, TH, VN, SG, MY, PH");
        try {
            return valueOf(code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("country must be one of ID, TH, VN, SG, MY, PH, not " + code);
        }
    }

    /** Lazada's site name for the country, as pushes carry it ("lazada_id"). */
    String site() {
        return "lazada_" + lowerCode;
    }

    /** The VAT rate (percent) included in Lazada's commission and payment fee. */
    int vatPercent() {
        return switch (this) {
            case ID -> 11;
            case TH -> 7;
            case VN -> 10;
            case SG -> 9;
            case MY -> 8;
            case PH -> 12;
        };
    }

    /** A dollar price in this country's minor units, rounded to the local price step, never zero. */
    long priceFromDollars(double dollars) {
        double minor = dollars * perDollar * Math.pow(10, fractionDigits);
        long steps = Math.max(1, Math.round(minor / priceStep));
        return steps * priceStep;
    }

    BigDecimal toMajor(long minor) {
        return BigDecimal.valueOf(minor, fractionDigits);
    }

    /** An amount given by a caller, in minor units; refuses more decimals than the currency has. */
    long toMinor(BigDecimal amount) {
        try {
            return amount.setScale(fractionDigits, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(amount + " has more decimals than " + currency + " allows", e);
        }
    }
}
