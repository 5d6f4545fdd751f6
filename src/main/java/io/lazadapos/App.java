package io.lazadapos;

import org.apache.camel.main.Main;

/** Starts the runtime: Camel Main with the YAML routes of the routes/ folder. */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        // The package scan of the main class finds AppConfiguration.
        Main main = new Main(App.class);
        System.exit(main.run(args));
    }
}
