package io.lazadapos;

import org.apache.camel.main.Main;

/** Starts the runtime: Camel Main with the YAML routes of the routes/ folder. */
public final class App {

    private App() {
    }

    public static void main(String[] args) throws Exception {
        // No classpath scanning: it would find AppConfiguration a second time and build everything twice.
        Main main = new Main();
        main.configure().addConfiguration(AppConfiguration.class);
        System.exit(main.run(args));
    }
}
