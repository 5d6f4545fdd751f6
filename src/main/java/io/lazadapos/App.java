package io.lazadapos;

import org.apache.camel.main.Main;

/** Starts the runtime: Camel Main with the YAML routes of the routes/ folder. */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(App.class);
        // Added explicitly; the package scan that Main(App.class) turns on would add it a second time
        // (two data sources, two sandboxes).
        main.configure().withBasePackageScanEnabled(false).addConfiguration(AppConfiguration.class);
        System.exit(main.run(args));
    }
}
