<?php
/**
 * Installed by the jetonomy-analytics development runner (`npm run wordpress`)
 * as /etc/wordpress/config-127.0.0.1.php, which Debian's wp-config.php reads
 * for every site served on 127.0.0.1 whatever the port. Each runner instance
 * starts its PHP server (and its install scripts) with
 * JETONOMY_ANALYTICS_WP_CONFIG naming its own settings file, so several
 * instances on different ports never read each other's settings.
 *
 * @package Jetonomy_Analytics
 */

$jetonomy_analytics_config = getenv( 'JETONOMY_ANALYTICS_WP_CONFIG' );

if ( ! $jetonomy_analytics_config || ! is_file( $jetonomy_analytics_config ) ) {
	if ( 'cli' !== PHP_SAPI ) {
		header( 'HTTP/1.0 503 Service Unavailable' );
		header( 'Content-Type: text/plain; charset=utf-8' );
	}
	echo "This WordPress on 127.0.0.1 is the jetonomy-analytics development site: start it with `npm run wordpress`.\n";
	exit( 1 );
}

require $jetonomy_analytics_config;
