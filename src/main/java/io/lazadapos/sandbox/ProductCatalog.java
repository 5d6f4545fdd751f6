package io.lazadapos.sandbox;

import java.util.List;

/** The small shop every sandbox seller runs: generated orders pick their items from here. */
final class ProductCatalog {

    /** One sellable variant. Prices are in dollars and converted per country at generation. */
    record Product(String sku, String name, String variation, double dollars, long productId, long skuId) {
    }

    static final List<Product> PRODUCTS = List.of(
            new Product("TWS-EARBUD-BLK", "Wireless Earbuds TWS Bluetooth 5.3", "Color family:Black", 12.90, 2291340541L, 10209839293L),
            new Product("TWS-EARBUD-WHT", "Wireless Earbuds TWS Bluetooth 5.3", "Color family:White", 12.90, 2291340541L, 10209839294L),
            new Product("PWRBANK-10K", "Power Bank 10000mAh Fast Charging", "Capacity:10000mAh", 15.50, 2291340602L, 10209840011L),
            new Product("PWRBANK-20K", "Power Bank 20000mAh Fast Charging", "Capacity:20000mAh", 22.00, 2291340602L, 10209840012L),
            new Product("USBC-CABLE-1M", "USB-C Cable 1m Braided 60W", "Length:1m", 3.20, 2291340777L, 10209840551L),
            new Product("USBC-CABLE-2M", "USB-C Cable 2m Braided 60W", "Length:2m", 4.10, 2291340777L, 10209840552L),
            new Product("PHONE-CASE-CLR", "Shockproof Clear Phone Case", "Compatible model:Universal", 2.50, 2291341003L, 10209841230L),
            new Product("TEMPERED-GLASS", "Tempered Glass Screen Protector (2 pcs)", "", 1.90, 2291341010L, 10209841301L),
            new Product("TSHIRT-OVS-M", "Oversized Cotton T-Shirt", "Size:M", 6.50, 2291342100L, 10209850001L),
            new Product("TSHIRT-OVS-L", "Oversized Cotton T-Shirt", "Size:L", 6.50, 2291342100L, 10209850002L),
            new Product("TSHIRT-OVS-XL", "Oversized Cotton T-Shirt", "Size:XL", 6.90, 2291342100L, 10209850003L),
            new Product("HOODIE-FLC-L", "Fleece Hoodie Unisex", "Size:L", 14.00, 2291342150L, 10209850101L),
            new Product("SNEAKER-RUN-42", "Running Sneakers Lightweight", "Shoe size:EU 42", 24.90, 2291342300L, 10209850402L),
            new Product("SNEAKER-RUN-40", "Running Sneakers Lightweight", "Shoe size:EU 40", 24.90, 2291342300L, 10209850400L),
            new Product("BACKPACK-LAP15", "Laptop Backpack 15.6\" Water Resistant", "Color family:Grey", 18.00, 2291342500L, 10209850700L),
            new Product("WATER-BTL-1L", "Stainless Water Bottle 1L", "Color family:Blue", 7.20, 2291343001L, 10209851000L),
            new Product("LUNCHBOX-3C", "Lunch Box 3 Compartments BPA Free", "", 5.60, 2291343020L, 10209851050L),
            new Product("RICE-COOKER-1L", "Mini Rice Cooker 1.2L", "Plug:Standard", 21.50, 2291343100L, 10209851200L),
            new Product("AIR-FRYER-4L", "Air Fryer 4L Digital", "Color family:Black", 45.00, 2291343150L, 10209851300L),
            new Product("LED-BULB-12W", "LED Bulb 12W E27 Daylight (4 pcs)", "Color temperature:6500K", 4.80, 2291343300L, 10209851500L),
            new Product("DESK-LAMP-LED", "LED Desk Lamp Touch Dimmable", "", 11.00, 2291343320L, 10209851550L),
            new Product("FACE-SERUM-30", "Vitamin C Face Serum 30ml", "Volume:30ml", 8.90, 2291344000L, 10209852000L),
            new Product("SUNSCREEN-50", "Sunscreen SPF50 PA++++ 50ml", "", 6.30, 2291344010L, 10209852010L),
            new Product("LIP-TINT-RED", "Matte Lip Tint", "Color family:Cherry Red", 3.40, 2291344050L, 10209852100L),
            new Product("SHAMPOO-400", "Anti-Dandruff Shampoo 400ml", "", 4.20, 2291344100L, 10209852200L),
            new Product("COFFEE-BEAN-250", "Arabica Coffee Beans 250g", "Grind:Whole bean", 7.80, 2291345000L, 10209853000L),
            new Product("GREEN-TEA-100", "Green Tea Bags (100 pcs)", "", 3.10, 2291345010L, 10209853010L),
            new Product("SNACK-CHIPS-6", "Cassava Chips Spicy (6 packs)", "Flavor:Spicy", 2.90, 2291345050L, 10209853100L),
            new Product("YOGA-MAT-6MM", "Yoga Mat 6mm Non-Slip", "Color family:Purple", 9.90, 2291346000L, 10209854000L),
            new Product("DUMBBELL-2X5", "Dumbbell Set 2 x 5kg", "", 27.00, 2291346050L, 10209854100L),
            new Product("KIDS-BLOCKS-100", "Building Blocks 100 pcs", "", 8.40, 2291347000L, 10209855000L),
            new Product("PET-FOOD-1KG", "Dry Cat Food Salmon 1kg", "Weight:1kg", 5.70, 2291348000L, 10209856000L));

    private ProductCatalog() {
    }
}
