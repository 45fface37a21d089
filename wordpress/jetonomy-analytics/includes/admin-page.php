<?php
/**
 * The plugin's admin screen: Jetonomy → Analytics, the whole dashboard
 * (`<jt-analytics-dashboard>`) reading the plugin's REST API as the
 * signed-in user.
 *
 * The dashboard is the library's standalone ES module build, served from the
 * plugin's own `assets/dist/` folder (no outside requests); `assets/admin.js`
 * imports it and hands the element a `RestDataSource`. Core's
 * `wp-api-request` script puts the REST root and nonce on the page as
 * `wpApiSettings`.
 *
 * @package Jetonomy_Analytics
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The admin page's slug: admin.php?page=jetonomy-analytics. */
const JETONOMY_ANALYTICS_ADMIN_PAGE = 'jetonomy-analytics';

/**
 * The capability that opens the screen: the plugin's own, which its
 * activation grants to administrators.
 *
 * @return string
 */
function jetonomy_analytics_admin_capability() {
	return function_exists( 'jetonomy_analytics_capability' ) ? jetonomy_analytics_capability() : 'jetonomy_view_analytics';
}

/**
 * The plugin's folder path and URL, both ending in a slash.
 *
 * @return array{0: string, 1: string}
 */
function jetonomy_analytics_admin_plugin_base() {
	$main_file = defined( 'JETONOMY_ANALYTICS_FILE' ) ? JETONOMY_ANALYTICS_FILE : dirname( __DIR__ ) . '/jetonomy-analytics.php';
	return array( plugin_dir_path( $main_file ), plugin_dir_url( $main_file ) );
}

/**
 * Adds the top-level "Jetonomy" menu with its "Analytics" screen.
 */
function jetonomy_analytics_admin_menu() {
	$capability = jetonomy_analytics_admin_capability();
	$hook       = add_menu_page(
		__( 'Community analytics', 'jetonomy-analytics' ),
		__( 'Jetonomy', 'jetonomy-analytics' ),
		$capability,
		JETONOMY_ANALYTICS_ADMIN_PAGE,
		'jetonomy_analytics_render_admin_page',
		'dashicons-chart-area',
		26
	);
	// The first submenu item repeats the parent's slug, so "Jetonomy" opens Analytics.
	add_submenu_page(
		JETONOMY_ANALYTICS_ADMIN_PAGE,
		__( 'Community analytics', 'jetonomy-analytics' ),
		__( 'Analytics', 'jetonomy-analytics' ),
		$capability,
		JETONOMY_ANALYTICS_ADMIN_PAGE,
		'jetonomy_analytics_render_admin_page'
	);
	if ( $hook ) {
		add_action( 'load-' . $hook, 'jetonomy_analytics_admin_load' );
	}
}
add_action( 'admin_menu', 'jetonomy_analytics_admin_menu' );

/**
 * Keeps "Analytics" visible under "Jetonomy".
 *
 * Right after `admin_menu`, core drops a submenu whose only item opens the
 * same page as its parent (wp-admin/includes/menu.php), whatever the item's
 * title: "Jetonomy" would show no "Analytics" under it, neither in the open
 * menu nor in the flyout. Jetonomy is the product's menu and Analytics one
 * screen in it, so the item is put back; `admin_init` runs after that
 * pruning and before the menu is printed. When another plugin adds a screen
 * to the menu, core keeps the submenu and this does nothing.
 */
function jetonomy_analytics_admin_keep_submenu() {
	global $submenu;
	$slug = JETONOMY_ANALYTICS_ADMIN_PAGE;
	if ( ! is_array( $submenu ) || ! empty( $submenu[ $slug ] ) || empty( $GLOBALS['admin_page_hooks'][ $slug ] ) ) {
		return;
	}
	$capability = jetonomy_analytics_admin_capability();
	if ( ! current_user_can( $capability ) ) {
		return;
	}
	// The entry add_submenu_page() made: menu title, capability, slug, page title.
	$submenu[ $slug ] = array( // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- restoring the entry core pruned.
		array( __( 'Analytics', 'jetonomy-analytics' ), $capability, $slug, __( 'Community analytics', 'jetonomy-analytics' ) ),
	);
}
add_action( 'admin_init', 'jetonomy_analytics_admin_keep_submenu' );

/**
 * On the analytics screen only: queue the dashboard's script and styles.
 */
function jetonomy_analytics_admin_load() {
	add_action( 'admin_enqueue_scripts', 'jetonomy_analytics_admin_enqueue' );
}

/**
 * Whether the standalone build is in the plugin (`npm run build:lib`, or
 * `npm run wordpress`, which copies it there).
 *
 * @return bool
 */
function jetonomy_analytics_admin_bundle_present() {
	list( $dir ) = jetonomy_analytics_admin_plugin_base();
	return is_readable( $dir . 'assets/dist/jetonomy-analytics.js' ) && is_readable( $dir . 'assets/admin.js' );
}

/**
 * Version string of a plugin file for cache busting: its modification time.
 *
 * @param string $relative Path inside the plugin folder.
 * @return string
 */
function jetonomy_analytics_admin_asset_version( $relative ) {
	list( $dir ) = jetonomy_analytics_admin_plugin_base();
	$mtime       = @filemtime( $dir . $relative ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a missing file just gets no version.
	return $mtime ? (string) $mtime : null;
}

/**
 * Queues the admin stylesheet and, when the bundle is there, the module
 * that starts the dashboard (after `wp-api-request`, which prints
 * `wpApiSettings`).
 */
function jetonomy_analytics_admin_enqueue() {
	list( , $url ) = jetonomy_analytics_admin_plugin_base();
	wp_enqueue_style( 'jetonomy-analytics-admin', $url . 'assets/admin.css', array(), jetonomy_analytics_admin_asset_version( 'assets/admin.css' ) );
	// The admin colour scheme's accent, for admin.css: buttons, the switch and focus rings.
	wp_add_inline_style( 'jetonomy-analytics-admin', '.jetonomy-analytics-wrap{--jetonomy-analytics-accent:' . jetonomy_analytics_admin_accent() . ';}' );
	if ( ! jetonomy_analytics_admin_bundle_present() ) {
		return;
	}
	// The bundle is a dependency of admin.js through its import; the version makes a rebuilt bundle count as new.
	wp_enqueue_script( 'jetonomy-analytics-admin', $url . 'assets/admin.js', array( 'wp-api-request' ), jetonomy_analytics_admin_asset_version( 'assets/dist/jetonomy-analytics.js' ), true );
}

/**
 * The primary colour of each core admin colour scheme: what its primary
 * buttons and focus rings use (wp-admin/css/colors/{scheme}/colors.css).
 * The registered scheme's `colors` swatches do not say which one that is
 * (Blue's buttons are none of its four swatches), hence the list.
 */
const JETONOMY_ANALYTICS_ADMIN_SCHEME_ACCENTS = array(
	'fresh'     => '#2271b1',
	'light'     => '#04a4cc',
	'modern'    => '#3858e9',
	'blue'      => '#e1a948',
	'coffee'    => '#c7a589',
	'ectoplasm' => '#a3b745',
	'midnight'  => '#e14d43',
	'ocean'     => '#9ebaa0',
	'sunrise'   => '#dd823b',
);

/**
 * The dashboard's accent for the current user's admin colour scheme
 * (`admin_color`), darkened where needed until white text on it reaches
 * 4.5:1, since the dashboard puts white text on its buttons (several
 * schemes' own button colours do not reach that: Light, Blue, Coffee, …).
 * An unknown or unregistered scheme gets the default scheme's blue.
 *
 * @return string A `#rrggbb` colour.
 */
function jetonomy_analytics_admin_accent() {
	global $_wp_admin_css_colors;
	$scheme = (string) get_user_option( 'admin_color' );
	if ( '' === $scheme || ( is_array( $_wp_admin_css_colors ) && ! isset( $_wp_admin_css_colors[ $scheme ] ) ) ) {
		$scheme = 'fresh'; // What core shows for an unset or unregistered scheme.
	}
	$color = JETONOMY_ANALYTICS_ADMIN_SCHEME_ACCENTS[ $scheme ] ?? '#2271b1';
	/**
	 * Filters the accent of the analytics dashboard, e.g. for a colour
	 * scheme that a plugin registers. It is darkened to keep white text on it
	 * readable.
	 *
	 * @param string $color  `#rrggbb`.
	 * @param string $scheme The user's admin colour scheme.
	 */
	$color = sanitize_hex_color( (string) apply_filters( 'jetonomy_analytics_admin_accent', $color, $scheme ) );
	return jetonomy_analytics_admin_readable_on_white( $color ? $color : '#2271b1' );
}

/**
 * Darkens a colour (towards black, keeping its hue) until white text on it
 * has a WCAG contrast of at least 4.5:1.
 *
 * @param string $hex `#rgb` or `#rrggbb`.
 * @return string `#rrggbb`.
 */
function jetonomy_analytics_admin_readable_on_white( $hex ) {
	$hex = ltrim( $hex, '#' );
	if ( 3 === strlen( $hex ) ) {
		$hex = $hex[0] . $hex[0] . $hex[1] . $hex[1] . $hex[2] . $hex[2];
	}
	$rgb       = array_map( 'hexdec', str_split( $hex, 2 ) );
	$luminance = static function ( array $rgb ) {
		$linear = array_map(
			static function ( $channel ) {
				$c = $channel / 255;
				return $c <= 0.04045 ? $c / 12.92 : ( ( $c + 0.055 ) / 1.055 ) ** 2.4;
			},
			$rgb
		);
		return 0.2126 * $linear[0] + 0.7152 * $linear[1] + 0.0722 * $linear[2];
	};
	for ( $step = 0; $step < 60 && 1.05 / ( $luminance( $rgb ) + 0.05 ) < 4.5; $step++ ) {
		$rgb = array_map(
			static function ( $channel ) {
				return (int) floor( $channel * 0.97 );
			},
			$rgb
		);
	}
	return vsprintf( '#%02x%02x%02x', $rgb );
}

/**
 * The dashboard's `theme`: `light` by default, as wp-admin itself is light
 * whatever the system's colour scheme; `dark` or `auto` (follow the system)
 * through the filter.
 *
 * @return string
 */
function jetonomy_analytics_admin_theme() {
	/**
	 * Filters the theme of the analytics dashboard in wp-admin.
	 *
	 * @param string $theme 'light' (default), 'dark' or 'auto'.
	 */
	$theme = apply_filters( 'jetonomy_analytics_admin_theme', 'light' );
	return in_array( $theme, array( 'light', 'dark', 'auto' ), true ) ? $theme : 'light';
}

/**
 * Prints the admin module as `type="module"` (WordPress 6.1 has no script
 * modules API).
 *
 * @param string $tag    The script tag.
 * @param string $handle The script's handle.
 * @return string
 */
function jetonomy_analytics_admin_module_tag( $tag, $handle ) {
	if ( 'jetonomy-analytics-admin' !== $handle ) {
		return $tag;
	}
	return (string) preg_replace( '/<script(?![^>]*\btype=)/', '<script type="module"', $tag, 1 );
}
add_filter( 'script_loader_tag', 'jetonomy_analytics_admin_module_tag', 10, 2 );

/**
 * The user's locale as a BCP 47 tag: `en_US` → `en-US`, `de_DE_formal` → `de-DE`.
 *
 * @return string
 */
function jetonomy_analytics_admin_locale() {
	$parts = explode( '_', get_user_locale() );
	$tag   = array( strtolower( $parts[0] ) );
	if ( isset( $parts[1] ) && preg_match( '/^([A-Za-z]{2}|\d{3})$/', $parts[1] ) ) {
		$tag[] = strtoupper( $parts[1] );
	}
	return implode( '-', $tag );
}

/**
 * Renders the screen.
 */
function jetonomy_analytics_render_admin_page() {
	if ( ! current_user_can( jetonomy_analytics_admin_capability() ) ) {
		wp_die( esc_html__( 'Sorry, you are not allowed to view community analytics.', 'jetonomy-analytics' ), 403 );
	}
	echo '<div class="wrap jetonomy-analytics-wrap">';
	echo '<h1>' . esc_html__( 'Community analytics', 'jetonomy-analytics' ) . '</h1>';

	if ( ! jetonomy_analytics_admin_bundle_present() ) {
		echo '<div class="notice notice-error"><p>';
		printf(
			/* translators: 1: the missing folder, 2: the build command. */
			esc_html__( 'The dashboard is not built: %1$s is missing from the plugin. Run %2$s in the project folder (npm run wordpress copies the build into the plugin).', 'jetonomy-analytics' ),
			'<code>assets/dist/</code>',
			'<code>npm run build:lib</code>'
		);
		echo '</p></div></div>';
		return;
	}

	printf(
		'<jt-analytics-dashboard class="jetonomy-analytics-dashboard" range="30d" sync-url heading="%1$s" locale="%2$s" time-zone="%3$s" theme="%4$s" data-rest-nonce-url="%5$s"></jt-analytics-dashboard>',
		esc_attr__( 'Overview', 'jetonomy-analytics' ),
		esc_attr( jetonomy_analytics_admin_locale() ),
		esc_attr( wp_timezone_string() ),
		esc_attr( jetonomy_analytics_admin_theme() ),
		esc_url( admin_url( 'admin-ajax.php?action=rest-nonce' ) )
	);
	echo '<noscript><div class="notice notice-warning inline"><p>' . esc_html__( 'The analytics dashboard needs JavaScript.', 'jetonomy-analytics' ) . '</p></div></noscript>';
	echo '</div>';
}
